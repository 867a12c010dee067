using System.Net.Http.Json;
using Npgsql;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Caching;

/// <summary>
/// Signed-out pages come from the Web host's cache, and a write anywhere (here a comment through the API, not
/// through this Web host) replaces them at once; signed-in pages are never shared.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class PageCacheTests(SiteFixture site)
{
    [Fact]
    public async Task ACachedPaperPageShowsANewCommentAsSoonAsItIsPosted()
    {
        await site.CreateMemberAsync("pc-writer");
        using var writer = await site.ApiClientForAsync("pc-writer");
        var added = await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("Page Cache Paper", ["Cache Author"], Year: 2024)));
        added.EnsureSuccessStatusCode();
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var published = await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("Cached summary text.", null, false, null));
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        using var reader = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = site.WebUrl };
        var path = $"/papers/{Uri.EscapeDataString(key)}";
        Assert.Contains("Cached summary text.", await reader.GetStringAsync(path));

        // Behind everyone's back (no write through the API): the signed-out page stays as it was cached.
        await using (var db = new NpgsqlConnection(site.ConnectionString))
        {
            await db.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE papers SET title = 'Renamed In The Database' WHERE key = @key", db);
            update.Parameters.AddWithValue("key", key);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        using (var again = await reader.GetAsync(path))
        {
            Assert.Contains("Page Cache Paper", await again.Content.ReadAsStringAsync());
            // From the Web host's own cache (which says how old the copy is), with no cookie for anyone.
            Assert.True(again.Headers.Age is not null, "the second visit should come from the page cache");
            Assert.False(again.Headers.Contains("Set-Cookie"), string.Join("; ", again.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}")));
        }

        // A comment through the API: the next signed-out visit already has it (and the renamed title).
        (await writer.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("A comment the cache must not hide."))).EnsureSuccessStatusCode();
        var page = "";
        for (var i = 0; i < 20 && !page.Contains("A comment the cache must not hide.", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(50);
            page = await reader.GetStringAsync(path);
        }
        Assert.Contains("A comment the cache must not hide.", page);
        Assert.Contains("Renamed In The Database", page);
    }
}
