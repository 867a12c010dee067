using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Summaries;

public sealed class WritingApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    async Task PaperAsync(string key) => await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));

    static Task<HttpResponseMessage> Publish(HttpClient client, string key, string markdown, int? baseRevision, bool anonymous = false, string? note = null) =>
        client.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(markdown, baseRevision, anonymous, note));

    [Fact]
    public async Task AMemberPublishesAFirstSummaryThatAppearsRenderedOnThePaper()
    {
        await PaperAsync("w-first");
        var member = await app.MemberAsync("w-first-author");

        var response = await Publish(member, "w-first", "## Idea\n\nThe *key* idea.", baseRevision: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var revision = await response.Content.ReadFromJsonAsync<PublishedRevision>();
        Assert.Equal(1, revision!.Revision);
        Assert.Contains("<em>key</em>", revision.Html);
        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-first");
        var shown = Assert.Single(paper!.Summaries);
        Assert.Equal("w-first-author", shown.Author?.UserName);
        Assert.Contains("<em>key</em>", shown.Html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Papers.Where(p => p.Key == "w-first").Select(p => p.SummaryCount).SingleAsync()));
    }

    [Fact]
    public async Task AnAuthorsProfileCountAgreesWithTheListTheySeeAnonymousSummariesIncluded()
    {
        await PaperAsync("w-count-named");
        await PaperAsync("w-count-anon");
        var member = await app.MemberAsync("w-counted");
        (await Publish(member, "w-count-named", "Signed.", null)).EnsureSuccessStatusCode();
        (await Publish(member, "w-count-anon", "Unsigned.", null, anonymous: true)).EnsureSuccessStatusCode();

        var own = await member.GetFromJsonAsync<UserProfile>("/api/v1/users/w-counted");
        var ownList = await member.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/users/w-counted/summaries");
        Assert.Equal(ownList!.Items.Count, own!.SummaryCount + own.AnonymousSummaryCount);
        Assert.Equal((1, 1), (own.SummaryCount, own.AnonymousSummaryCount));
        Assert.Single(ownList.Items, i => i.Anonymous);

        // Anyone else sees one summary, counted and listed, and no hint of the other.
        var other = await app.MemberAsync("w-count-reader");
        var seen = await other.GetFromJsonAsync<UserProfile>("/api/v1/users/w-counted");
        var seenList = await other.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/users/w-counted/summaries");
        Assert.Equal((1, 0), (seen!.SummaryCount, seen.AnonymousSummaryCount));
        Assert.Equal(seenList!.Items.Count, seen.SummaryCount);
        var anonymousProfile = await app.CreateClient().GetFromJsonAsync<UserProfile>("/api/v1/users/w-counted");
        Assert.Equal(0, anonymousProfile!.AnonymousSummaryCount);
    }

    [Fact]
    public async Task OnlyConfirmedMembersMayWrite()
    {
        await PaperAsync("w-auth");
        var reader = await app.ReaderAsync("w-reader");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Publish(app.CreateClient(), "w-auth", "text", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Publish(reader, "w-auth", "text", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync("/api/v1/papers/w-auth/summaries/mine/draft", new SaveDraftRequest("x", null, false))).StatusCode);
    }

    [Fact]
    public async Task EditingAddsRevisionsAndNeverChangesAnEarlierOne()
    {
        await PaperAsync("w-edit");
        var member = await app.MemberAsync("w-editor");
        var first = await (await Publish(member, "w-edit", "First version.", null)).Content.ReadFromJsonAsync<PublishedRevision>();

        var second = await Publish(member, "w-edit", "Second version.", 1, note: "Fixed a claim");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var history = await member.GetFromJsonAsync<SummaryHistory>($"/api/v1/summaries/{first!.SummaryId}/revisions");
        Assert.Equal([2, 1], history!.Revisions.Select(r => r.Number));
        Assert.Equal("Fixed a claim", history.Revisions[0].Note);
        var old = await app.CreateClient().GetFromJsonAsync<RevisionView>($"/api/v1/summaries/{first.SummaryId}/revisions/1");
        Assert.Equal("First version.", old!.Markdown);
        Assert.Equal(2, old.CurrentRevision);
    }

    [Fact]
    public async Task OneSummaryPerPersonPerPaper_ASecondFirstSummaryIsAConflictCarryingTheFirst()
    {
        await PaperAsync("w-one");
        var member = await app.MemberAsync("w-one-author");
        (await Publish(member, "w-one", "My only summary.", null)).EnsureSuccessStatusCode();

        var again = await Publish(member, "w-one", "Another summary?", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var conflict = await ConflictOf(again);
        Assert.Equal(("My only summary.", "Another summary?", 1), (conflict.TheirMarkdown, conflict.YourMarkdown, conflict.CurrentRevision));
    }

    [Fact]
    public async Task AHundredParallelSavesFromTheSameBase_ExactlyOneWinsAndEveryOtherGetsItsTextBack()
    {
        await PaperAsync("w-race");
        var member = await app.MemberAsync("w-racer");
        (await Publish(member, "w-race", "Base text.", null)).EnsureSuccessStatusCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Publish(member, "w-race", $"Edit number {i}.", 1)));

        var statuses = string.Join(", ", responses.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}"));
        foreach (var odd in responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).Take(1))
        {
            statuses += " — " + await odd.Content.ReadAsStringAsync();
        }
        Assert.True(statuses == "200×1, 409×99", statuses);
        var returned = new HashSet<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var conflict = await ConflictOf(response);
            Assert.StartsWith("Edit number ", conflict.YourMarkdown);
            returned.Add(conflict.YourMarkdown);
        }
        Assert.Equal(99, returned.Count);
        var revisions = await app.WithDbAsync(db => db.SummaryRevisions.Where(r => r.Summary.Paper.Key == "w-race").CountAsync());
        Assert.Equal(2, revisions);
    }

    [Fact]
    public async Task SimultaneousFirstPublishesOfOneSummary_OneWinsAndTheOthersAreConflictsNotErrors()
    {
        await PaperAsync("w-first-race");
        var member = await app.MemberAsync("w-first-racer");

        // A double click on "Publish" of a summary that does not exist yet: both create it.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Publish(member, "w-first-race", $"First text {i}.", null)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)s}"));
        Assert.Contains(HttpStatusCode.Created, statuses);
        var summaries = await app.WithDbAsync(db => db.Summaries.Where(s => s.Paper.Key == "w-first-race").CountAsync());
        Assert.Equal(1, summaries);
    }

    [Fact]
    public async Task DraftsArePrivateAndPublishingClearsThem()
    {
        await PaperAsync("w-draft");
        var writer = await app.MemberAsync("w-drafter");
        var other = await app.MemberAsync("w-other");

        var saved = await writer.PutAsJsonAsync("/api/v1/papers/w-draft/summaries/mine/draft", new SaveDraftRequest("Half a thought", null, true));
        saved.EnsureSuccessStatusCode();

        var mine = await writer.GetFromJsonAsync<MySummary>("/api/v1/papers/w-draft/summaries/mine");
        Assert.Equal(("Half a thought", true), (mine!.Draft?.Markdown, mine.Draft!.Anonymous));
        var theirs = await other.GetFromJsonAsync<MySummary>("/api/v1/papers/w-draft/summaries/mine");
        Assert.Null(theirs!.Draft);
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-draft"))!.Summaries);

        (await Publish(writer, "w-draft", "A whole thought", null)).EnsureSuccessStatusCode();
        Assert.Null((await writer.GetFromJsonAsync<MySummary>("/api/v1/papers/w-draft/summaries/mine"))!.Draft);
    }

    /// <summary>
    /// Two tabs: the first opened the editor (seeing its own draft), the second then saved a draft of other text and was
    /// closed. Publishing from the first tab takes its own draft and leaves the second tab's, which it never saw; a
    /// publish that names no draft (an API client) takes every draft saved before it, as before.
    /// </summary>
    [Fact]
    public async Task PublishingLeavesADraftAnotherTabSavedAfterTheNewestThisEditorSaw()
    {
        await PaperAsync("w-two-tabs");
        var writer = await app.MemberAsync("w-two-tabs");
        async Task<DraftView> SaveAsync(string text) =>
            (await (await writer.PutAsJsonAsync("/api/v1/papers/w-two-tabs/summaries/mine/draft", new SaveDraftRequest(text, null, false)))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<DraftView>())!;
        async Task<DraftView?> DraftAsync() => (await writer.GetFromJsonAsync<MySummary>("/api/v1/papers/w-two-tabs/summaries/mine"))!.Draft;
        Task<HttpResponseMessage> PublishSeeing(string text, int? baseRevision, DateTimeOffset? seen) =>
            writer.PutAsJsonAsync("/api/v1/papers/w-two-tabs/summaries/mine", new PublishRequest(text, baseRevision, false, null, seen));

        var first = await SaveAsync("The first tab's draft.");
        var second = await SaveAsync("The second tab's other thoughts.");
        Assert.True(second.UpdatedAt > first.UpdatedAt);

        (await PublishSeeing("The first tab's summary.", null, first.UpdatedAt)).EnsureSuccessStatusCode();
        Assert.Equal("The second tab's other thoughts.", (await DraftAsync())?.Markdown);

        // An editor that opened with the second tab's draft has seen it: publishing takes it.
        (await PublishSeeing("Edited after reading the other draft.", 1, (await DraftAsync())!.UpdatedAt)).EnsureSuccessStatusCode();
        Assert.Null(await DraftAsync());

        // An editor that saw no draft at all leaves any it finds; the draft of the very text published goes regardless.
        await SaveAsync("Written in a tab opened later.");
        (await PublishSeeing("A third take.", 2, DateTimeOffset.MinValue)).EnsureSuccessStatusCode();
        Assert.Equal("Written in a tab opened later.", (await DraftAsync())?.Markdown);
        await SaveAsync("A fourth take.");
        (await PublishSeeing("A fourth take.", 3, DateTimeOffset.MinValue)).EnsureSuccessStatusCode();
        Assert.Null(await DraftAsync());

        await SaveAsync("Left in a tab.");
        (await Publish(writer, "w-two-tabs", "A fifth take, from a script.", 4)).EnsureSuccessStatusCode();
        Assert.Null(await DraftAsync());
    }

    [Fact]
    public async Task AnonymousSummariesHideTheAuthorFromEveryoneButTheAuthorAndModerators()
    {
        await PaperAsync("w-anon");
        var author = await app.MemberAsync("w-shy");
        var moderator = await app.ModeratorAsync("w-mod-anon");
        var created = await (await Publish(author, "w-anon", "Said quietly.", null, anonymous: true)).Content.ReadFromJsonAsync<PublishedRevision>();
        var id = created!.SummaryId;

        var stranger = app.CreateClient();
        Assert.Null((await stranger.GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-anon"))!.Summaries[0].Author);
        Assert.Null((await stranger.GetFromJsonAsync<SummaryDetail>($"/api/v1/summaries/{id}"))!.Author);
        Assert.Null((await stranger.GetFromJsonAsync<SummaryHistory>($"/api/v1/summaries/{id}/revisions"))!.Author);
        Assert.Null((await stranger.GetFromJsonAsync<RevisionView>($"/api/v1/summaries/{id}/revisions/1"))!.Author);
        var listed = await stranger.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?limit=100");
        Assert.Null(listed!.Items.Single(s => s.Id == id).Author);
        Assert.DoesNotContain("w-shy", await stranger.GetStringAsync("/api/v1/papers/w-anon"));

        Assert.Equal("w-shy", (await author.GetFromJsonAsync<SummaryDetail>($"/api/v1/summaries/{id}"))!.Author?.UserName);
        Assert.Equal("w-shy", (await moderator.GetFromJsonAsync<SummaryDetail>($"/api/v1/summaries/{id}"))!.Author?.UserName);
    }

    [Fact]
    public async Task RestoringAnOldRevisionAddsANewRevisionWithItsText()
    {
        await PaperAsync("w-restore");
        var member = await app.MemberAsync("w-restorer");
        var first = await (await Publish(member, "w-restore", "Original.", null)).Content.ReadFromJsonAsync<PublishedRevision>();
        (await Publish(member, "w-restore", "Regrettable rewrite.", 1)).EnsureSuccessStatusCode();

        var restored = await member.PostAsJsonAsync($"/api/v1/summaries/{first!.SummaryId}/restore/1", new RestoreRequest(2, null));

        restored.EnsureSuccessStatusCode();
        var view = await app.CreateClient().GetFromJsonAsync<RevisionView>($"/api/v1/summaries/{first.SummaryId}/revisions/3");
        Assert.Equal(("Original.", 1), (view!.Markdown, view.RestoredFrom));
        // That it was restored is RestoredFrom's to say; the note stays the author's own (none here), never a copy of it.
        Assert.Null(view.Note);
        var other = await app.MemberAsync("w-not-author");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/v1/summaries/{first.SummaryId}/restore/1", new RestoreRequest(3, null))).StatusCode);
    }

    /// <summary>
    /// Restoring publishes an old revision, not the draft: unsaved work in the draft stays. Publishing or restoring the
    /// text that stands already is a null edit, as on a wiki: no empty revision.
    /// </summary>
    [Fact]
    public async Task ARestoreKeepsTheDraftAndTheSameTextAgainAddsNoRevision()
    {
        await PaperAsync("w-null-edit");
        var member = await app.MemberAsync("w-null-editor");
        var first = (await (await Publish(member, "w-null-edit", "Original.", null)).Content.ReadFromJsonAsync<PublishedRevision>())!;
        (await Publish(member, "w-null-edit", "Rewrite.", 1)).EnsureSuccessStatusCode();
        (await member.PutAsJsonAsync("/api/v1/papers/w-null-edit/summaries/mine/draft", new SaveDraftRequest("Unsaved work in progress", 2, false)))
            .EnsureSuccessStatusCode();

        (await member.PostAsJsonAsync($"/api/v1/summaries/{first.SummaryId}/restore/1", new RestoreRequest(2, null))).EnsureSuccessStatusCode();
        var mine = (await member.GetFromJsonAsync<MySummary>("/api/v1/papers/w-null-edit/summaries/mine"))!;
        Assert.Equal("Unsaved work in progress", mine.Draft?.Markdown);

        var again = await Publish(member, "w-null-edit", "Original.", 3);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, (await again.Content.ReadFromJsonAsync<PublishedRevision>())!.Revision);
        (await member.PostAsJsonAsync($"/api/v1/summaries/{first.SummaryId}/restore/3", new RestoreRequest(3, null))).EnsureSuccessStatusCode();
        var history = (await member.GetFromJsonAsync<SummaryHistory>($"/api/v1/summaries/{first.SummaryId}/revisions"))!;
        Assert.Equal([3, 2, 1], history.Revisions.Select(r => r.Number));
    }

    [Fact]
    public async Task TheDiffShowsWhichWordsChangedInsideAParagraph()
    {
        await PaperAsync("w-diff");
        var member = await app.MemberAsync("w-differ");
        var first = await (await Publish(member, "w-diff", "Title\n\nThe model is fast and small.", null)).Content.ReadFromJsonAsync<PublishedRevision>();
        (await Publish(member, "w-diff", "Title\n\nThe model is slow and small.", 1)).EnsureSuccessStatusCode();

        var diff = await app.CreateClient().GetFromJsonAsync<TextDiff>($"/api/v1/summaries/{first!.SummaryId}/diff?from=1&to=2", Json);

        var changed = Assert.Single(diff!.Blocks, b => b.Kind == DiffKind.Changed);
        Assert.Contains(changed.Spans, s => s.Kind == DiffKind.Removed && s.Text.Trim() == "fast");
        Assert.Contains(changed.Spans, s => s.Kind == DiffKind.Added && s.Text.Trim() == "slow");
    }

    [Fact]
    public async Task DeletingIsUndoableAndOnlyTheAuthorCanDoIt()
    {
        await PaperAsync("w-delete");
        var author = await app.MemberAsync("w-deleter");
        var stranger = await app.MemberAsync("w-stranger");
        var id = (await (await Publish(author, "w-delete", "Soon gone.", null)).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.DeleteAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-delete"))!.Summaries);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Equal(SummaryStatus.Deleted, (await author.GetFromJsonAsync<SummaryDetail>($"/api/v1/summaries/{id}"))!.Status);

        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsync($"/api/v1/summaries/{id}/undelete", null)).StatusCode);
        Assert.Single((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-delete"))!.Summaries);
    }

    [Fact]
    public async Task ModeratorsHideWithAReasonTheAuthorCanReadAndTheActionIsLogged()
    {
        await PaperAsync("w-hide");
        var author = await app.MemberAsync("w-hidden-author");
        var member = await app.MemberAsync("w-plain-member");
        var moderator = await app.ModeratorAsync("w-moderator");
        var id = (await (await Publish(author, "w-hide", "Off-topic text.", null)).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("no"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("Not a summary of this paper"))).StatusCode);

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/w-hide"))!.Summaries);
        var seenByAuthor = await author.GetFromJsonAsync<SummaryDetail>($"/api/v1/summaries/{id}");
        Assert.Equal((SummaryStatus.Hidden, "Not a summary of this paper"), (seenByAuthor!.Status, seenByAuthor.ModerationReason));
        var denied = await author.PostAsync($"/api/v1/summaries/{id}/restore/1", null);
        Assert.True(denied.StatusCode == HttpStatusCode.Forbidden, await denied.Content.ReadAsStringAsync());
        var logged = await app.WithDbAsync(db => db.ModerationActions.SingleAsync(a => a.TargetType == "summary" && a.TargetId == id.ToString()));
        Assert.Equal(("hide", "Not a summary of this paper"), (logged.Action, logged.Reason));
    }

    [Fact]
    public async Task TextOverTheLimitIsRefusedWithAProblemAndNothingIsSaved()
    {
        await PaperAsync("w-long");
        var member = await app.MemberAsync("w-verbose");

        var response = await Publish(member, "w-long", new string('x', 100_001), null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await app.WithDbAsync(db => db.Summaries.AnyAsync(s => s.Paper.Key == "w-long")));
    }

    static async Task<SaveConflict> ConflictOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("conflict").Deserialize<SaveConflict>(Json)!;
    }
}
