using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Tests.Caching;
using Npgsql;
using ShortScience.Api.Papers;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Papers;

/// <summary>The API without its read cache: every read reaches the database.</summary>
public sealed class DocumentsApiFactory() : CountingApiFactory(cachedReads: false);

/// <summary>
/// A paper's page for readers not signed in is assembled once after each change and then handed out as stored
/// bytes; every change shows at once, and signed-in readers still get their own view.
/// </summary>
public sealed class PaperDocumentsTests(DocumentsApiFactory fixture) : IClassFixture<DocumentsApiFactory>
{
    ApiFactory App => fixture.App;

    async Task<PaperDetail> AnonymousAsync(string key) =>
        (await fixture.Api.CreateClient().GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;

    // Read straight from the database (the test helper's WithDbAsync counts as a change and would make documents stale).
    async Task<(long Version, long? Stored)> VersionsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT p.page_version, d.version FROM papers p LEFT JOIN paper_documents d ON d.paper_id = p.id WHERE p.key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), await reader.IsDBNullAsync(1) ? null : reader.GetInt64(1));
    }

    // Straight to the database, without the test helper's "a change nobody traced" (which would make every document stale).
    async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task TheReadProbesOneDocumentHoweverManyAreStored()
    {
        await App.WithDbAsync(async db => await TestData.PaperAsync(db, "pd-plan", "Planned Paper", null, 2021, "Ada Author"));
        await AnonymousAsync("pd-plan"); // stores its document
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        async Task<string> Sql(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (await command.ExecuteScalarAsync())?.ToString() ?? "";
        }
        // The plan a pooled connection keeps once the statement is prepared (generic: the values are not known).
        await Sql("SET plan_cache_mode = force_generic_plan");
        await Sql($"PREPARE read_document(text, int) AS {PaperDocuments.ReadSql}");
        var plan = await Sql("EXPLAIN (FORMAT JSON) EXECUTE read_document('pd-plan', 1)");
        // Joined per paper (a nested loop on the paper's id), never by hashing or merging every stored document.
        Assert.Contains("\"Nested Loop\"", plan);
        Assert.DoesNotContain("Hash Join", plan);
        Assert.DoesNotContain("Merge Join", plan);
    }

    [Fact]
    public async Task AReadAfterTheFirstIsOneStoredDocumentWithNoQueriesToBuildIt()
    {
        await App.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "pd-stored", "Stored Paper", null, 2021, "Ada Author");
            for (var i = 0; i < 3; i++) await TestData.SummaryAsync(db, paper, await TestData.UserAsync(db, $"pd-writer{i}"), $"<p>Summary {i}</p>", score: i);
        });
        var commenter = await App.MemberAsync("pd-commenter");
        var summaryId = (await AnonymousAsync("pd-stored")).Summaries[0].Id;
        for (var i = 0; i < 5; i++)
        {
            (await commenter.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest($"Comment {i}"))).EnsureSuccessStatusCode();
        }

        fixture.Commands.Reset();
        var built = await AnonymousAsync("pd-stored");
        var buildCommands = fixture.Commands.Count;
        fixture.Commands.Reset();
        var second = await fixture.Api.CreateClient().GetAsync("/api/v1/papers/pd-stored");
        var served = fixture.Commands.Count;

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        var again = (await second.Content.ReadFromJsonAsync<PaperDetail>())!;
        Assert.Equal(5, again.Summaries.Sum(s => s.Comments?.Count ?? 0));
        Assert.Equal(built.Summaries.Select(s => (s.Id, s.Score, s.Html)), again.Summaries.Select(s => (s.Id, s.Score, s.Html)));
        Assert.NotNull(again.Questions);
        // Building: paper, authors, summaries, comments, questions, whatever the counts. Serving: no query of the
        // model at all (one statement reads the stored bytes).
        Assert.True(buildCommands is > 0 and <= 5, $"building the page took {buildCommands} SQL commands");
        Assert.Equal(0, served);
        var (version, stored) = await VersionsAsync("pd-stored");
        Assert.Equal(version, stored);
    }

    [Fact]
    public async Task EveryKindOfWriteShowsOnTheNextAnonymousRead()
    {
        await App.WithDbAsync(db => TestData.PaperAsync(db, "pd-fresh", "Fresh Paper"));
        var writer = await App.MemberAsync("pd-fresh-writer");
        var reader = await App.MemberAsync("pd-fresh-reader");
        Assert.Empty((await AnonymousAsync("pd-fresh")).Summaries);

        (await writer.PutAsJsonAsync("/api/v1/papers/pd-fresh/summaries/mine", new PublishRequest("First text.", null, false, null))).EnsureSuccessStatusCode();
        var page = await AnonymousAsync("pd-fresh");
        var summary = Assert.Single(page.Summaries);
        Assert.Contains("First text.", summary.Html);

        (await writer.PutAsJsonAsync("/api/v1/papers/pd-fresh/summaries/mine", new PublishRequest("Second text.", summary.Revision, false, null))).EnsureSuccessStatusCode();
        Assert.Contains("Second text.", Assert.Single((await AnonymousAsync("pd-fresh")).Summaries).Html);

        (await reader.PutAsJsonAsync($"/api/v1/votes/summary/{summary.Id}", new VoteRequest(1))).EnsureSuccessStatusCode();
        Assert.Equal(1, Assert.Single((await AnonymousAsync("pd-fresh")).Summaries).Score);

        var posted = await reader.PostAsJsonAsync($"/api/v1/summaries/{summary.Id}/comments", new CommentRequest("A reader's comment."));
        posted.EnsureSuccessStatusCode();
        var comment = (await posted.Content.ReadFromJsonAsync<CommentLocation>())!;
        Assert.Contains("A reader's comment.", Assert.Single(Assert.Single((await AnonymousAsync("pd-fresh")).Summaries).Comments!).Html);

        (await reader.DeleteAsync($"/api/v1/comments/{comment.Id}")).EnsureSuccessStatusCode();
        Assert.DoesNotContain(Assert.Single((await AnonymousAsync("pd-fresh")).Summaries).Comments ?? [], c => c.Html.Contains("A reader's comment."));

        (await reader.PostAsJsonAsync("/api/v1/papers/pd-fresh/questions", new QuestionRequest("Why this loss?", "Details of the question."))).EnsureSuccessStatusCode();
        Assert.Equal("Why this loss?", Assert.Single((await AnonymousAsync("pd-fresh")).Questions!).Title);

        // A change the API cannot trace to papers (a display name, shown as the summary's byline) reaches every page.
        (await writer.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("Renamed Writer", null, null, true))).EnsureSuccessStatusCode();
        Assert.Equal("Renamed Writer", Assert.Single((await AnonymousAsync("pd-fresh")).Summaries).Author!.DisplayName);
    }

    [Fact]
    public async Task SignedInReadersGetTheirOwnViewNotTheSharedOne()
    {
        await App.WithDbAsync(db => TestData.PaperAsync(db, "pd-mine", "Mine Paper"));
        var writer = await App.MemberAsync("pd-mine-writer");
        var voter = await App.MemberAsync("pd-mine-voter");
        (await writer.PutAsJsonAsync("/api/v1/papers/pd-mine/summaries/mine", new PublishRequest("My own text.", null, false, null))).EnsureSuccessStatusCode();
        var id = Assert.Single((await AnonymousAsync("pd-mine")).Summaries).Id;
        (await voter.PutAsJsonAsync($"/api/v1/votes/summary/{id}", new VoteRequest(1))).EnsureSuccessStatusCode();
        var shared = Assert.Single((await AnonymousAsync("pd-mine")).Summaries);

        var asWriter = Assert.Single((await writer.GetFromJsonAsync<PaperDetail>("/api/v1/papers/pd-mine"))!.Summaries);
        var asVoter = Assert.Single((await voter.GetFromJsonAsync<PaperDetail>("/api/v1/papers/pd-mine"))!.Summaries);

        Assert.False(shared.IsMine);
        Assert.Equal(0, shared.MyVote);
        Assert.True(asWriter.IsMine);
        Assert.Equal(1, asVoter.MyVote);
        Assert.False(asVoter.IsMine);
    }

    [Fact]
    public async Task SignedInReadersGetTheSharedDocumentMarkedExactlyAsAPageBuiltForThem()
    {
        const string key = "pd-marks";
        await App.WithDbAsync(db => TestData.PaperAsync(db, key, "Marked Paper"));
        var hidden = await App.MemberAsync("pd-marks-hidden"); // writes anonymously
        var named = await App.MemberAsync("pd-marks-named");
        var commenter = await App.MemberAsync("pd-marks-commenter");
        var voter = await App.MemberAsync("pd-marks-voter");
        var asker = await App.MemberAsync("pd-marks-asker");
        var stranger = await App.MemberAsync("pd-marks-stranger");
        var moderator = await App.ModeratorAsync("pd-marks-moderator");

        async Task<long> IdOf(HttpResponseMessage response)
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        (await hidden.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("Anonymous text.", null, true, null))).EnsureSuccessStatusCode();
        (await named.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("Named text.", null, false, null))).EnsureSuccessStatusCode();
        var summaries = (await AnonymousAsync(key)).Summaries;
        var anonymousSummary = summaries.Single(s => s.Anonymous).Id;
        var namedSummary = summaries.Single(s => !s.Anonymous).Id;

        // Under the anonymous summary: its author's own comment (named to them only), a reply, a comment deleted after
        // a reply (listed blank), a hidden one; under the named one, a plain comment.
        var byHidden = await IdOf(await hidden.PostAsJsonAsync($"/api/v1/summaries/{anonymousSummary}/comments", new CommentRequest("From the *anonymous* author.")));
        var reply = await IdOf(await commenter.PostAsJsonAsync($"/api/v1/summaries/{anonymousSummary}/comments", new CommentRequest("A reply.", byHidden)));
        var deleted = await IdOf(await commenter.PostAsJsonAsync($"/api/v1/summaries/{anonymousSummary}/comments", new CommentRequest("Soon deleted.")));
        await IdOf(await voter.PostAsJsonAsync($"/api/v1/summaries/{anonymousSummary}/comments", new CommentRequest("Under the deleted one.", deleted)));
        (await commenter.DeleteAsync($"/api/v1/comments/{deleted}")).EnsureSuccessStatusCode();
        var hiddenComment = await IdOf(await commenter.PostAsJsonAsync($"/api/v1/summaries/{anonymousSummary}/comments", new CommentRequest("Soon hidden.")));
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/comment/{hiddenComment}/hide", new ModerationRequest("test"))).EnsureSuccessStatusCode();
        var onNamed = await IdOf(await commenter.PostAsJsonAsync($"/api/v1/summaries/{namedSummary}/comments", new CommentRequest("On the named one.")));

        var question = await IdOf(await asker.PostAsJsonAsync($"/api/v1/papers/{key}/questions", new QuestionRequest("Why?", "Asked with $x^2$.")));
        var answer = await IdOf(await named.PostAsJsonAsync($"/api/v1/questions/{question}/answers", new AnswerRequest("Because.")));
        await IdOf(await commenter.PostAsJsonAsync($"/api/v1/questions/{question}/answers", new AnswerRequest("Another answer.")));
        (await asker.PostAsync($"/api/v1/questions/{question}/accept/{answer}", null)).EnsureSuccessStatusCode();

        foreach (var (target, id, value) in new (string, long, int)[]
        {
            ("summary", namedSummary, 1), ("summary", anonymousSummary, -1), ("comment", reply, 1), ("comment", onNamed, -1),
            ("question", question, 1), ("answer", answer, 1),
        })
        {
            (await voter.PutAsJsonAsync($"/api/v1/votes/{target}/{id}", new VoteRequest(value))).EnsureSuccessStatusCode();
        }

        var viewers = new (string Name, HttpClient Client)[]
        {
            ("pd-marks-hidden", hidden), ("pd-marks-named", named), ("pd-marks-commenter", commenter), ("pd-marks-voter", voter),
            ("pd-marks-asker", asker), ("pd-marks-stranger", stranger),
        };
        var ids = await App.WithDbAsync(db => db.Users.Where(u => u.UserName!.StartsWith("pd-marks-")).ToDictionaryAsync(u => u.UserName!, u => u.Id));

        async Task SameAsBuiltForEachAsync()
        {
            // The first read after a change builds the shared document; the others read it stored.
            foreach (var (name, client) in viewers)
            {
                var served = await client.GetStringAsync($"/api/v1/papers/{key}");
                await using var scope = App.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ShortScience.Data.ShortScienceDb>();
                var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ids[name].ToString())], "test"));
                var built = await PaperDetails.LoadAsync(db, key, principal, scope.ServiceProvider, CancellationToken.None);
                var options = scope.ServiceProvider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                Assert.Equal(JsonSerializer.Serialize(built, options), served);
            }
        }
        await SameAsBuiltForEachAsync();

        // What the marks must have shown, spelled out once (the comparison above would pass if both paths forgot them).
        var asHidden = (await hidden.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;
        var theirs = asHidden.Summaries.Single(s => s.Id == anonymousSummary);
        Assert.True(theirs.IsMine);
        Assert.Equal("pd-marks-hidden", theirs.Author?.UserName);
        var ownComment = theirs.Comments!.Single(c => c.Id == byHidden);
        Assert.Equal("pd-marks-hidden", ownComment.Author?.UserName);
        Assert.Equal("From the *anonymous* author.", ownComment.Markdown);
        var asCommenter = (await commenter.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;
        Assert.Equal(AnonymousAuthor.Ref, asCommenter.Summaries.Single(s => s.Id == anonymousSummary).Comments!.Single(c => c.Id == byHidden).Author);
        var blank = asCommenter.Summaries.Single(s => s.Id == anonymousSummary).Comments!.Single(c => c.Id == deleted);
        Assert.True(blank.IsMine);
        Assert.Null(blank.Markdown);
        Assert.Null(blank.Author);
        Assert.DoesNotContain(asCommenter.Summaries.SelectMany(s => s.Comments!), c => c.Id == hiddenComment);
        var asVoter = (await voter.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;
        Assert.Equal([-1, 1], asVoter.Summaries.OrderBy(s => s.Id != anonymousSummary).Select(s => s.MyVote));
        Assert.Equal(1, asVoter.Questions!.Single().MyVote);
        Assert.Equal(1, asVoter.Questions!.Single().Answers.Single(a => a.Id == answer).MyVote);
        Assert.Equal("Asked with $x^2$.", (await asker.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Questions!.Single().Markdown);

        // A change of the reader's own shows on their next read, on the rebuilt document and on the stored one.
        (await voter.PutAsJsonAsync($"/api/v1/votes/summary/{namedSummary}", new VoteRequest(-1))).EnsureSuccessStatusCode();
        (await commenter.PutAsJsonAsync($"/api/v1/votes/answer/{answer}", new VoteRequest(-1))).EnsureSuccessStatusCode();
        await SameAsBuiltForEachAsync();
        Assert.Equal(-1, (await voter.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Summaries.Single(s => s.Id == namedSummary).MyVote);

        // Moderators still get a page built for them, hidden comment included.
        var asModerator = (await moderator.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;
        Assert.Contains(asModerator.Summaries.SelectMany(s => s.Comments!), c => c.Id == hiddenComment && c.Status == ContentStatus.Hidden);
    }

    [Fact]
    public async Task AStoredDocumentFromBeforeTheLatestChangeIsNeverServed()
    {
        await App.WithDbAsync(db => TestData.PaperAsync(db, "pd-stale", "Stale Paper"));
        await AnonymousAsync("pd-stale");
        var (version, _) = await VersionsAsync("pd-stale");

        // As if a reader had built the page just before a change was saved: a document at the version it read,
        // showing what the change replaced. The change then bumps the version, so the document is out of date.
        await SqlAsync("""UPDATE paper_documents SET document = convert_to('{"key":"pd-stale","title":"Old Title"}', 'UTF8') WHERE paper_id = (SELECT id FROM papers WHERE key = 'pd-stale')""");
        Assert.Equal("Old Title", (await AnonymousAsync("pd-stale")).Title); // the arranged document is what is served
        var writer = await App.MemberAsync("pd-stale-writer");
        (await writer.PutAsJsonAsync("/api/v1/papers/pd-stale/summaries/mine", new PublishRequest("News.", null, false, null))).EnsureSuccessStatusCode();

        var page = await AnonymousAsync("pd-stale");
        Assert.Equal("Stale Paper", page.Title);
        Assert.Single(page.Summaries);
        var (after, stored) = await VersionsAsync("pd-stale");
        Assert.True(after > version);
        Assert.Equal(after, stored);
    }

    [Fact]
    public async Task ASlowBuildNeverReplacesANewerDocument()
    {
        await App.WithDbAsync(db => TestData.PaperAsync(db, "pd-newer", "Newer Paper"));
        await AnonymousAsync("pd-newer");
        // A newer document than the version this replica reads (a reader on a lagging standby, a build that began
        // before a change): its own older build must not overwrite it.
        await SqlAsync("UPDATE paper_documents SET version = version + 5, document = convert_to('newer', 'UTF8') WHERE paper_id = (SELECT id FROM papers WHERE key = 'pd-newer')");

        Assert.Equal("Newer Paper", (await AnonymousAsync("pd-newer")).Title);

        var document = await App.WithDbAsync(db => db.PaperDocuments.Where(d => d.PaperId == db.Papers.Single(p => p.Key == "pd-newer").Id)
            .Select(d => d.Document).SingleAsync());
        Assert.Equal("newer"u8.ToArray(), document);
    }

    [Fact]
    public async Task HiddenAndUnknownPapersAreNotFoundAndTheirDocumentsAreNotServed()
    {
        await App.WithDbAsync(db => TestData.PaperAsync(db, "pd-hidden", "Hidden Paper"));
        await AnonymousAsync("pd-hidden");
        await App.WithDbAsync(db => db.Papers.Where(p => p.Key == "pd-hidden").ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ContentStatus.Hidden)));

        var client = fixture.Api.CreateClient();
        var hidden = await client.GetAsync("/api/v1/papers/pd-hidden");
        var unknown = await client.GetAsync("/api/v1/papers/pd-nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
