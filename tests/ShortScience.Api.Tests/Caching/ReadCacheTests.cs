using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Caching;

/// <summary>Counts the SQL commands the API sends, so a test can hold a page to "a handful".</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, ct);
    }
}

/// <summary>The API, with its read cache on or off, and a SQL command counter in its container (one host per test class).</summary>
public abstract class CountingApiFactory(bool cachedReads) : IAsyncLifetime
{
    public ApiFactory App { get; } = new();
    public CommandCounter Commands { get; } = new();

    /// <summary>The same API with the counter in its container.</summary>
    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.Settings["Caching:Reads"] = cachedReads ? "true" : "false";
        await App.InitializeAsync();
        Api = App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands)));
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await ((IAsyncLifetime)App).DisposeAsync(); // the host, then its test database
    }
}

/// <summary>The API with its read cache on (as in production).</summary>
public sealed class CachingApiFactory() : CountingApiFactory(cachedReads: true);

public sealed class ReadCacheTests(CachingApiFactory fixture) : IClassFixture<CachingApiFactory>
{
    WebApplicationFactory<Program> Api => fixture.Api;

    [Fact]
    public async Task AnonymousReadsAreServedFromTheCacheUntilAWriteChangesWhatTheyShow()
    {
        var api = Api;
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "rc-cached", "Cached Paper"));
        var anonymous = api.CreateClient();
        Assert.Equal("Cached Paper", (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-cached"))!.Title);

        // Changed behind the API's back: anonymous readers keep the cached answer, which costs no SQL at all…
        await fixture.App.WithDbAsync(db => db.Papers.Where(p => p.Key == "rc-cached").ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "Changed Paper")));
        fixture.Commands.Reset();
        Assert.Equal("Cached Paper", (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-cached"))!.Title);
        Assert.Equal(0, fixture.Commands.Count);

        // …signed-in readers never share it…
        var member = await fixture.App.MemberAsync("rc-member");
        var mine = api.CreateClient();
        mine.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        Assert.Equal("Changed Paper", (await mine.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-cached"))!.Title);

        // …and a write (a summary published) clears it at once.
        (await mine.PutAsJsonAsync("/api/v1/papers/rc-cached/summaries/mine", new PublishRequest("Fresh text.", null, false, null))).EnsureSuccessStatusCode();
        var fresh = (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-cached"))!;
        Assert.Equal("Changed Paper", fresh.Title);
        Assert.Single(fresh.Summaries);

        // Drafts autosave every few seconds and change nothing a reader sees: they leave the cache alone.
        await fixture.App.WithDbAsync(db => db.Papers.Where(p => p.Key == "rc-cached").ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "Third Title")));
        (await mine.PutAsJsonAsync("/api/v1/papers/rc-cached/summaries/mine/draft", new SaveDraftRequest("draft", null, false))).EnsureSuccessStatusCode();
        Assert.Equal("Changed Paper", (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-cached"))!.Title);
    }

    [Fact]
    public async Task APaperWithTenSummariesAndFiftyCommentsCostsAHandfulOfQueries()
    {
        var api = Api;
        var paper = await fixture.App.WithDbAsync(async db =>
        {
            var p = await TestData.PaperAsync(db, "rc-busy", "Busy Paper", await TestData.VenueAsync(db, "RCV", "Read Cache Venue"), 2020, "First Author", "Second Author");
            for (var i = 0; i < 10; i++)
            {
                var user = await TestData.UserAsync(db, $"rc-writer{i}");
                await TestData.SummaryAsync(db, p, user, $"<p>Summary {i} with $x_{i}$.</p>", score: i);
            }
            return p;
        });
        var commenter = await fixture.App.MemberAsync("rc-commenter");
        var summaryIds = await fixture.App.WithDbAsync(db => db.Summaries.Where(s => s.PaperId == paper.Id).Select(s => s.Id).ToListAsync());
        for (var i = 0; i < 50; i++)
        {
            (await commenter.PostAsJsonAsync($"/api/v1/summaries/{summaryIds[i % 10]}/comments", new CommentRequest($"Comment {i}"))).EnsureSuccessStatusCode();
        }

        // The same page for a paper with one summary and one comment: the count must not grow with either.
        var small = await fixture.App.WithDbAsync(async db =>
        {
            var p = await TestData.PaperAsync(db, "rc-quiet", "Quiet Paper");
            return (await TestData.SummaryAsync(db, p, await TestData.UserAsync(db, "rc-lone"), "<p>Alone.</p>")).Id;
        });
        (await commenter.PostAsJsonAsync($"/api/v1/summaries/{small}/comments", new CommentRequest("Only comment"))).EnsureSuccessStatusCode();
        // A signed-in reader gets the shared page document marked with their own votes and texts (PaperDocumentsTests):
        // the first read after a change builds that document, here for a reader signed in, with the same handful of
        // SQL commands for the busy paper as for the quiet one.
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "rc-warm", "Warm Paper"));
        var reader = api.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.App.LoginAsync("rc-commenter")).AccessToken);
        await reader.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-warm"); // first-use work
        fixture.Commands.Reset();
        await reader.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-quiet");
        var baseline = fixture.Commands.Count;

        fixture.Commands.Reset();
        var detail = (await reader.GetFromJsonAsync<PaperDetail>("/api/v1/papers/rc-busy"))!;
        var built = fixture.Commands.Count;

        // The reader's own comments came back marked as theirs.
        Assert.All(detail.Summaries.SelectMany(s => s.Comments ?? []), c => Assert.True(c.IsMine));
        Assert.Equal(10, detail.Summaries.Count);
        Assert.Equal(50, detail.Summaries.Sum(s => s.Comments?.Count ?? 0));
        Assert.Equal(baseline, built);
        // The paper, authors, summaries with their current HTML, comments, questions: a handful of round trips
        // whatever the counts (the document's read, the reader's marks and the session check are not EF commands).
        Assert.True(built is > 0 and <= 8, $"building the paper page took {built} SQL commands");
    }
}
