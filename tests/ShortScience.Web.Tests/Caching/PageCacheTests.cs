using System.IO.Compression;
using System.Net;
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

    [Fact]
    public async Task CompressedCopiesAreCachedOncePerEncodingAndAWriteReplacesEveryOne()
    {
        await site.CreateMemberAsync("pc-encodings");
        using var writer = await site.ApiClientForAsync("pc-encodings");
        var added = await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("Compressed Cache Paper", ["Encoding Author"], Year: 2024)));
        added.EnsureSuccessStatusCode();
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var published = await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("A summary every encoding carries.", null, false, null));
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var path = $"/papers/{Uri.EscapeDataString(key)}";
        // No automatic decompression: the test sees what went over the wire.
        using var reader = new HttpClient(new HttpClientHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = site.WebUrl };

        async Task<(string? Encoding, string Text, bool FromCache)> ReadAsync(string? acceptEncoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            using var answer = await reader.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            var encoding = answer.Content.Headers.ContentEncoding.SingleOrDefault();
            await using var body = await answer.Content.ReadAsStreamAsync();
            await using Stream plain = encoding switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                null => body,
                _ => throw new Xunit.Sdk.XunitException($"unexpected encoding {encoding}"),
            };
            using var text = new StreamReader(plain);
            if (encoding is not null) Assert.Contains("Accept-Encoding", answer.Headers.Vary);
            return (encoding, await text.ReadToEndAsync(), answer.Headers.Age is not null);
        }

        // Each encoding a reader may ask for gets its own copy, in that encoding, of the same page.
        var asked = new (string? Accept, string? Sent)[] { ("br, gzip", "br"), ("gzip", "gzip"), ("gzip;q=1, br;q=0", "gzip"), (null, null), ("identity", null) };
        foreach (var (accept, sent) in asked)
        {
            var (encoding, text, _) = await ReadAsync(accept);
            Assert.Equal(sent, encoding);
            Assert.Contains("A summary every encoding carries.", text);
        }

        // Renamed behind everyone's back: every encoding's copy is served from the cache, unchanged.
        await using (var db = new NpgsqlConnection(site.ConnectionString))
        {
            await db.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE papers SET title = 'Renamed Behind The Cache' WHERE key = @key", db);
            update.Parameters.AddWithValue("key", key);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        foreach (var (accept, sent) in asked)
        {
            var (encoding, text, fromCache) = await ReadAsync(accept);
            Assert.Equal(sent, encoding);
            Assert.True(fromCache, $"the copy for Accept-Encoding '{accept}' should come from the page cache");
            Assert.Contains("Compressed Cache Paper", text);
        }

        // One write replaces every encoding's copy.
        (await writer.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("A comment in every encoding."))).EnsureSuccessStatusCode();
        foreach (var (accept, sent) in asked)
        {
            var text = "";
            for (var i = 0; i < 20 && !text.Contains("A comment in every encoding.", StringComparison.Ordinal); i++)
            {
                if (i > 0) await Task.Delay(50);
                (_, text, _) = await ReadAsync(accept);
            }
            Assert.Contains("A comment in every encoding.", text);
            Assert.Contains("Renamed Behind The Cache", text);
        }
    }
}
