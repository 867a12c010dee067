using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Caching;

/// <summary>
/// Cached reads name what they show (Cache-Tags), and a write evicts exactly the reads that show what it changed:
/// the paper, its venue, year, tag and author listings, the recent list and the writer's profile; another paper's
/// cached read costs no SQL after the write.
/// </summary>
public sealed class PreciseEvictionTests(CachingApiFactory fixture) : IClassFixture<CachingApiFactory>
{
    WebApplicationFactory<Program> Api => fixture.Api;

    [Fact]
    public async Task ReadsNameWhatTheyShow()
    {
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "pe-named", "Named Paper"));
        using var answer = await Api.CreateClient().GetAsync("/api/v1/papers/PE-Named");
        Assert.Equal([CacheTags.Paper("pe-named")], answer.Headers.GetValues(CacheTags.Header).SelectMany(CacheTags.Split));
        using var venueYear = await Api.CreateClient().GetAsync("/api/v1/venues/some-venue/2017");
        Assert.Equal(["venue-year:some-venue/2017"], venueYear.Headers.GetValues(CacheTags.Header).SelectMany(CacheTags.Split));
        using var tag = await Api.CreateClient().GetAsync("/api/v1/tags/Graph%20Neural%20Networks");
        Assert.Equal(["tag:graph%20neural%20networks"], tag.Headers.GetValues(CacheTags.Header).SelectMany(CacheTags.Split));
    }

    [Fact]
    public async Task ASummaryEvictsItsPaperListingsAndWriter_AndLeavesAnotherPaperCached()
    {
        await fixture.App.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "PEV", "Precise Eviction Venue");
            var paper = await TestData.PaperAsync(db, "pe-written", "Written Paper", venue, 1987, "Pat Precise");
            paper.Keywords = ["precise-tag"];
            await db.SaveChangesAsync();
            await TestData.PaperAsync(db, "pe-other", "Other Paper", await TestData.VenueAsync(db, "PEO", "Other Venue"), 1986, "Olga Other");
        });
        var member = await fixture.App.MemberAsync("pe-member");
        var anonymous = Api.CreateClient();
        string[] showing =
        [
            "/api/v1/papers/pe-written", "/api/v1/venues/pev", "/api/v1/venues/pev/1987", "/api/v1/years/1987", "/api/v1/tags/precise-tag",
            "/api/v1/authors/pat-precise/papers", "/api/v1/users/pe-member/summaries", "/api/v1/summaries?sort=recent",
        ];
        const string other = "/api/v1/papers/pe-other";
        var before = new Dictionary<string, string>();
        foreach (var path in showing.Append(other)) before[path] = await anonymous.GetStringAsync(path);

        var mine = Api.CreateClient();
        mine.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        (await mine.PutAsJsonAsync("/api/v1/papers/pe-written/summaries/mine", new PublishRequest("Wombatfern text.", null, false, null))).EnsureSuccessStatusCode();

        foreach (var path in showing)
        {
            var now = await anonymous.GetStringAsync(path);
            Assert.True(now != before[path], $"{path} still answers what it did before the summary");
        }
        fixture.Commands.Reset();
        using var cached = await anonymous.GetAsync(other);
        Assert.Equal(before[other], await cached.Content.ReadAsStringAsync());
        Assert.Equal(0, fixture.Commands.Count);
        Assert.NotNull(cached.Headers.Age);
    }

    /// <summary>A paper is found by its shown questions' words: asking, hiding and deleting a question reach cached searches.</summary>
    [Fact]
    public async Task AQuestionAskedHiddenOrDeletedReachesCachedSearchesAtOnce()
    {
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "pe-asked", "Asked Paper"));
        var asker = Api.CreateClient();
        asker.DefaultRequestHeaders.Authorization = (await fixture.App.MemberAsync("pe-asker")).DefaultRequestHeaders.Authorization;
        var moderator = Api.CreateClient();
        moderator.DefaultRequestHeaders.Authorization = (await fixture.App.ModeratorAsync("pe-moderator")).DefaultRequestHeaders.Authorization;
        var anonymous = Api.CreateClient();
        async Task<int> FoundAsync() => (await anonymous.GetFromJsonAsync<SearchResults>("/api/v1/search?q=glimmerquat"))!.Items.Count;

        Assert.Equal(0, await FoundAsync()); // cached: nothing
        var asked = await asker.PostAsJsonAsync("/api/v1/papers/pe-asked/questions", new QuestionRequest("A glimmerquat question", "Body text."));
        Assert.Equal(System.Net.HttpStatusCode.Created, asked.StatusCode);
        var id = (await asked.Content.ReadFromJsonAsync<QuestionView>())!.Id;
        Assert.Equal(1, await FoundAsync());

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{id}/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await FoundAsync());
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{id}/restore", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await FoundAsync());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await asker.DeleteAsync($"/api/v1/questions/{id}")).StatusCode);
        Assert.Equal(0, await FoundAsync());
    }
}

/// <summary>A profile change evicts what shows it: a new name every page the person wrote on, a new bio their profile, a setting nothing.</summary>
public sealed class ProfileEvictionTests(CachingApiFactory fixture) : IClassFixture<CachingApiFactory>
{
    WebApplicationFactory<Program> Api => fixture.Api;

    [Fact]
    public async Task ANewNameReachesThePagesTheyWroteOnAndANewBioOnlyTheirProfile()
    {
        await fixture.App.WithDbAsync(async db =>
        {
            await TestData.PaperAsync(db, "pr-written", "Profile Written Paper");
            await TestData.PaperAsync(db, "pr-other", "Profile Other Paper");
        });
        var writer = Api.CreateClient();
        writer.DefaultRequestHeaders.Authorization = (await fixture.App.MemberAsync("pr-writer")).DefaultRequestHeaders.Authorization;
        (await writer.PutAsJsonAsync("/api/v1/papers/pr-written/summaries/mine", new PublishRequest("A summary.", null, false, null))).EnsureSuccessStatusCode();
        var anonymous = Api.CreateClient();
        const string profile = "/api/v1/users/pr-writer", written = "/api/v1/papers/pr-written", other = "/api/v1/papers/pr-other";
        async Task ReadAllAsync() { foreach (var path in new[] { profile, written, other }) await anonymous.GetStringAsync(path); }
        async Task<int> StatementsForAsync(string path)
        {
            fixture.Commands.Reset();
            await anonymous.GetStringAsync(path);
            return fixture.Commands.Count;
        }

        // A setting nobody else sees: every cached read stays.
        await ReadAllAsync();
        (await writer.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("pr-writer Display", null, null, false))).EnsureSuccessStatusCode();
        Assert.Equal(0, await StatementsForAsync(profile));
        Assert.Equal(0, await StatementsForAsync(written));

        // A bio: the profile shows it at once; the pages they wrote on, which do not show it, stay cached.
        (await writer.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("pr-writer Display", "Reads about optimizers.", "Somewhere", false))).EnsureSuccessStatusCode();
        var shown = (await anonymous.GetFromJsonAsync<UserProfile>(profile))!;
        Assert.Equal(("Reads about optimizers.", "Somewhere"), (shown.Bio, shown.Affiliation));
        Assert.Equal(0, await StatementsForAsync(written));
        Assert.Equal(0, await StatementsForAsync(other));

        // A new name: on their profile and on the paper page that names them, at once.
        (await writer.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("Petra Renamed", "Reads about optimizers.", "Somewhere", false))).EnsureSuccessStatusCode();
        Assert.Equal("Petra Renamed", (await anonymous.GetFromJsonAsync<UserProfile>(profile))!.DisplayName);
        var summary = Assert.Single((await anonymous.GetFromJsonAsync<PaperDetail>(written))!.Summaries);
        Assert.Equal("Petra Renamed", summary.Author?.DisplayName);
    }
}

/// <summary>The profile lists of questions and answers are cached reads too: each change reaches them at once.</summary>
public sealed class ProfileQuestionsEvictionTests(CachingApiFactory fixture) : IClassFixture<CachingApiFactory>
{
    WebApplicationFactory<Program> Api => fixture.Api;

    HttpClient ClientOf(HttpClient member)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task AskingAnsweringAcceptingAndVotingReachTheProfilesListingThemAtOnce()
    {
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "pq-paper", "Layer Normalization"));
        var asker = ClientOf(await fixture.App.MemberAsync("pq-asker"));
        var helper = ClientOf(await fixture.App.MemberAsync("pq-helper"));
        var anonymous = Api.CreateClient();
        async Task<IReadOnlyList<QuestionListItem>> AskedAsync() =>
            (await anonymous.GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/users/pq-asker/questions"))!.Items;
        async Task<IReadOnlyList<UserAnswerItem>> AnsweredAsync() =>
            (await anonymous.GetFromJsonAsync<Page<UserAnswerItem>>("/api/v1/users/pq-helper/answers"))!.Items;

        Assert.Empty(await AskedAsync()); // cached: nothing
        Assert.Empty(await AnsweredAsync());
        var question = await Questions.QuestionSteps.AskAsync(asker, "pq-paper", "Why normalize over features?", "Not over the batch.");
        Assert.Equal(question.Id, Assert.Single(await AskedAsync()).Id);

        var answer = await Questions.QuestionSteps.AnswerAsync(helper, question.Id, "It works for any batch size.");
        Assert.Equal(answer.Id, Assert.Single(await AnsweredAsync()).Id);
        Assert.Equal(1, Assert.Single(await AskedAsync()).AnswerCount);

        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();
        Assert.True(Assert.Single(await AnsweredAsync()).Accepted);
        Assert.True(Assert.Single(await AskedAsync()).HasAcceptedAnswer);

        (await helper.PutAsJsonAsync($"/api/v1/votes/question/{question.Id}", new VoteRequest(1))).EnsureSuccessStatusCode();
        Assert.Equal(1, Assert.Single(await AskedAsync()).Score);
        (await asker.PutAsJsonAsync($"/api/v1/votes/answer/{answer.Id}", new VoteRequest(1))).EnsureSuccessStatusCode();
        Assert.Equal(1, Assert.Single(await AnsweredAsync()).Score);

        // A comment on a summary of it, on the commenter's profile.
        var published = await asker.PutAsJsonAsync("/api/v1/papers/pq-paper/summaries/mine", new PublishRequest("A summary.", null, false, null));
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        (await helper.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("A comment."))).EnsureSuccessStatusCode();
        async Task<IReadOnlyList<UserCommentItem>> CommentedAsync() =>
            (await anonymous.GetFromJsonAsync<Page<UserCommentItem>>("/api/v1/users/pq-helper/comments"))!.Items;
        Assert.Single(await CommentedAsync());

        // The paper taken down: the lists lose what was said about it, at once.
        var moderator = ClientOf(await fixture.App.ModeratorAsync("pq-moderator"));
        (await moderator.PostAsJsonAsync("/api/v1/moderation/paper/pq-paper/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();
        Assert.Empty(await AskedAsync());
        Assert.Empty(await AnsweredAsync());
        Assert.Empty(await CommentedAsync());
    }
}
