using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Tests.Import;
using ShortScience.Api.Tests.Questions;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Security;

/// <summary>
/// Text that shows nothing on a page (zero-width characters, fillers that pass for letters) is as blank as an empty
/// text at every entry point that needs text, and names and titles cannot carry a direction override that turns
/// around what a page shows after them.
/// </summary>
public sealed class InvisibleTextTests(ImportApp app) : IClassFixture<ImportApp>
{
    public static TheoryData<string, string> Invisible => new()
    {
        { "zero-width space", "\u200B" },
        { "word joiner and byte-order mark", "\u2060\uFEFF" },
        { "zero-width joiners between spaces", " \u200B\u200C\u200D " },
        { "a direction override alone", "\u202E" },
        { "Hangul fillers", "\u3164\u3164" },
        { "blank Braille cell", "\u2800" },
        { "fillers and a variation selector", "\u115F\u1160\uFFA0\uFE0F" },
        { "invisible tag characters", "\U000E0041\U000E0042" },
    };

    [Theory, MemberData(nameof(Invisible))]
    public async Task TextThatShowsNothingIsRefusedWhereTextIsNeededAndNothingIsStored(string kind, string blank)
    {
        var tag = $"{(uint)kind.GetHashCode():x8}";
        var member = await app.MemberAsync($"inv-m-{tag}");
        var moderator = await app.ModeratorAsync($"inv-mod-{tag}");
        var key = (await (await member.AddAsync(new ManualPaper($"Visible Paper {tag}", ["Ada Lovelace"], "ICML", 2020)))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var published = await member.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("A summary that shows.", null, false, null));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var question = await member.AskAsync(key, "A question that shows", "Its text shows.");
        var before = await StoredAsync(key, $"inv-m-{tag}");

        var failures = new List<string>();
        async Task Refused(string what, Task<HttpResponseMessage> send, string field)
        {
            using var response = await send;
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest) { failures.Add($"{what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}"); return; }
            var problem = JsonDocument.Parse(body).RootElement;
            var named = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)
                || problem.TryGetProperty("parameter", out var parameter) && parameter.GetString() == field;
            if (!named) failures.Add($"{what}: the problem does not name '{field}': {body}");
        }

        await Refused("question title", member.PostAsJsonAsync($"/api/v1/papers/{key}/questions", new QuestionRequest(blank, "Text.")), "title");
        await Refused("question text", member.PostAsJsonAsync($"/api/v1/papers/{key}/questions", new QuestionRequest("A title", blank)), "markdown");
        await Refused("question edit", member.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest(blank, "Text.")), "title");
        await Refused("answer", member.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest(blank)), "markdown");
        await Refused("comment", member.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(blank)), "markdown");
        await Refused("summary", moderator.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(blank, null, false, null)), "markdown");
        await Refused("display name", member.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate(blank, null, null, false)), "displayName");
        await Refused("hand-filled paper", member.AddAsync(new ManualPaper(blank, ["Ada Lovelace"], null, 2020)), "title");
        await Refused("moderator's paper edit", moderator.PatchAsJsonAsync($"/api/v1/papers/{key}", new PaperEditRequest(new PaperChanges(Title: blank))), "title");
        await Refused("member's proposed edit", member.PostAsJsonAsync($"/api/v1/papers/{key}/edits", new PaperEditRequest(new PaperChanges(Title: blank))), "title");
        await Refused("moderator's paper edit of the authors", moderator.PatchAsJsonAsync($"/api/v1/papers/{key}", new PaperEditRequest(new PaperChanges(Authors: [blank]))), "authors");
        // An author whose name is only TeX braces normalizes to nothing, like an invisible one.
        await Refused("moderator's paper edit of the authors to empty braces", moderator.PatchAsJsonAsync($"/api/v1/papers/{key}", new PaperEditRequest(new PaperChanges(Authors: ["{}", blank]))), "authors");
        await Refused("report", member.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", summaryId.ToString(), blank)), "reason");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        Assert.Equal(before, await StoredAsync(key, $"inv-m-{tag}"));
    }

    public static TheoryData<string> MarkdownShowingNothing => new()
    {
        "&#8203;", "&nbsp;&zwj;", "#", "***", "[](https://example.org/)", " >", "- \u200B", "&#x200B;\n\n&#xFEFF;",
    };

    [Theory, MemberData(nameof(MarkdownShowingNothing))]
    public async Task MarkdownThatRendersToNothingIsRefusedLikeAnEmptyText(string markdown)
    {
        var tag = $"{(uint)markdown.GetHashCode():x8}";
        var member = await app.MemberAsync($"inv-md-{tag}");
        var other = await app.MemberAsync($"inv-md2-{tag}");
        var key = (await (await member.AddAsync(new ManualPaper($"Markdown Paper {tag}", ["Ada Lovelace"], "ICML", 2020)))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var summaryId = (await (await member.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("Shows.", null, false, null)))
            .Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var question = await member.AskAsync(key, "A question that shows", "Its text shows.");
        var answer = await other.AnswerAsync(question.Id, "An answer that shows.");
        var comment = (await (await other.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("A comment that shows.")))
            .Content.ReadFromJsonAsync<CommentLocation>())!;
        var before = await StoredAsync(key, $"inv-md-{tag}");
        Task<(int, int, int, int)> RevisionsAsync() => app.Api.WithDbAsync(async db => (
            await db.SummaryRevisions.CountAsync(r => r.Summary.Paper.Key == key), await db.CommentRevisions.CountAsync(r => r.CommentId == comment.Id),
            await db.QuestionRevisions.CountAsync(r => r.QuestionId == question.Id), await db.AnswerRevisions.CountAsync(r => r.AnswerId == answer.Id)));
        var revisions = await RevisionsAsync();
        var failures = new List<string>();
        async Task Refused(string what, Task<HttpResponseMessage> send)
        {
            using var response = await send;
            if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"{what}: {(int)response.StatusCode}");
        }

        await Refused("summary", other.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(markdown, null, false, null)));
        await Refused("summary edit", member.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(markdown, 1, false, null)));
        await Refused("comment", member.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(markdown)));
        await Refused("comment edit", other.PutAsJsonAsync($"/api/v1/comments/{comment.Id}", new CommentEdit(markdown)));
        await Refused("question", member.PostAsJsonAsync($"/api/v1/papers/{key}/questions", new QuestionRequest("A title", markdown)));
        await Refused("question edit", member.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("A title", markdown)));
        await Refused("answer", member.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest(markdown)));
        await Refused("answer edit", other.PutAsJsonAsync($"/api/v1/answers/{answer.Id}", new AnswerRequest(markdown)));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StoredAsync(key, $"inv-md-{tag}"));
        Assert.Equal(revisions, await RevisionsAsync());

        // A formula alone, or one character of code, shows: those are texts.
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("$x$"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("`0`"))).StatusCode);
    }

    [Fact]
    public async Task AnImportedEntryWhoseTitleShowsNothingAddsNoPaper()
    {
        var member = await app.MemberAsync("inv-bibtex");
        var papers = await app.Api.WithDbAsync(db => db.Papers.CountAsync());
        using var response = await member.AddAsync("@article{invisible2020, title = {\u200B\u2060}, author = {Lovelace, Ada}, year = {2020}}");
        Assert.False(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Equal(papers, await app.Api.WithDbAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task NamesAndTitlesKeepNoDirectionOverrideButKeepTheJoinersTheirScriptsNeed()
    {
        var member = await app.MemberAsync("inv-bidi");
        var moderator = await app.ModeratorAsync("inv-bidi-mod");

        // U+202E would show "nimdA" as "Admin", and everything after the name on its line backwards.
        var profile = await member.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("\u202Enimda\u202C \u2066Ada\u2069", null, "Uni\u202Eversity\nof Somewhere", false));
        profile.EnsureSuccessStatusCode();
        var me = (await profile.Content.ReadFromJsonAsync<Me>())!;
        Assert.Equal(("nimda Ada", "University of Somewhere"), (me.DisplayName, me.Affiliation));

        // Joiners and direction marks are letters' business: an emoji sequence and a Persian word keep theirs.
        const string scientist = "\U0001F469\u200D\U0001F52C Ada", persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645\u200F";
        (await member.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate(scientist, null, persian, false))).EnsureSuccessStatusCode();
        var kept = (await member.GetFromJsonAsync<Me>("/api/v1/me"))!;
        Assert.Equal((scientist, persian), (kept.DisplayName, kept.Affiliation));

        var added = await member.AddAsync(new ManualPaper("Deep \u202ELearning\u202C of\tThings", ["Ada \u202ELovelace"], "ICML \u2067 2020", 2020));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var paper = (await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;
        Assert.Equal("Deep Learning of Things", paper.Title);
        Assert.Equal("Ada Lovelace", Assert.Single(paper.Authors).Name);
        Assert.DoesNotContain(paper.Venue!.Name, c => Visible.IsDirectionControl(c));

        (await moderator.PatchAsJsonAsync($"/api/v1/papers/{key}", new PaperEditRequest(new PaperChanges(Title: "Shallow \u202DLearning")))).EnsureSuccessStatusCode();
        Assert.Equal("Shallow Learning", (await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Title);

        var question = await member.AskAsync(key, "Why \u202Edoes it\u202C work?", "Text.");
        Assert.Equal("Why does it work?", question.Title);
    }

    async Task<string> StoredAsync(string key, string userName) => await app.Api.WithDbAsync(async db =>
    {
        var paper = await db.Papers.Include(p => p.Authors).SingleAsync(p => p.Key == key);
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return string.Join(" | ",
            paper.Title, string.Join(",", paper.Authors.Select(a => a.DisplayName)), user.DisplayName,
            await db.Questions.CountAsync(q => q.PaperId == paper.Id), await db.Answers.CountAsync(),
            await db.Comments.CountAsync(), await db.Summaries.CountAsync(s => s.PaperId == paper.Id),
            await db.Flags.CountAsync(), await db.PaperEdits.CountAsync());
    });
}
