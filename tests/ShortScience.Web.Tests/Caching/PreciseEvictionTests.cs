using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Caching;

/// <summary>
/// A write evicts exactly what it changed, on both hosts: every page and feed that shows the new summary has it at
/// once, and a cached page of an unrelated paper stays cached. Feeds and their 304s come from the Web host's cache.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class PreciseEvictionTests(SiteFixture site)
{
    [Fact]
    public async Task ANewSummaryShowsOnEveryPageAndFeedThatListsIt_AndAnUnrelatedPaperStaysCached()
    {
        await site.CreateMemberAsync("pe-writer");
        await site.CreateMemberAsync("pe-neighbour");
        using var writer = await site.ApiClientForAsync("pe-writer");
        using var neighbour = await site.ApiClientForAsync("pe-neighbour");
        var paper = await AddPaperAsync(writer, new ManualPaper("Precise Eviction Paper", ["Evelyn Eviction"], "Eviction Venue", 1987, Keywords: ["precise-eviction"]));
        var other = await AddPaperAsync(neighbour, new ManualPaper("Untouched Neighbour Paper", ["Nora Neighbour"], "Neighbour Venue", 1986));
        (await neighbour.PutAsJsonAsync($"/api/v1/papers/{Uri.EscapeDataString(other.Key)}/summaries/mine",
            new PublishRequest("The neighbour summary stays.", null, false, null))).EnsureSuccessStatusCode();

        var key = Uri.EscapeDataString(paper.Key);
        var venue = paper.Venue!.Slug;
        string[] showing =
        [
            $"/papers/{key}", "/?tab=recent", $"/venues/{venue}", $"/venues/{venue}/1987", "/years/1987", "/tags/precise-eviction",
            $"/authors/{paper.Authors[0].Slug}", "/users/pe-writer",
            "/feeds/summaries.atom", $"/feeds/papers/{key}.atom", $"/feeds/venues/{venue}.rss", $"/feeds/years/1987.atom", "/feeds/users/pe-writer.atom",
        ];
        var unrelated = $"/papers/{Uri.EscapeDataString(other.Key)}";

        using var reader = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = site.WebUrl };
        foreach (var path in showing.Append(unrelated))
        {
            (await reader.GetAsync(path)).EnsureSuccessStatusCode();
            using var again = await reader.GetAsync(path);
            Assert.True(again.Headers.Age is not null, $"{path} should be cached after one visit");
        }

        const string marker = "Quokkazebra";
        (await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine",
            new PublishRequest($"{marker} summarizes this paper in one line.", null, false, null))).EnsureSuccessStatusCode();

        foreach (var path in showing)
        {
            Assert.True(await EventuallyContainsAsync(reader, path, marker), $"{path} still shows what it showed before the summary");
        }
        // The neighbour's page was not touched: still the cached copy (the Web host says how old it is).
        using (var neighbourPage = await reader.GetAsync(unrelated))
        {
            Assert.True(neighbourPage.Headers.Age is not null, "an unrelated paper's cached page was evicted by the write");
            Assert.Contains("The neighbour summary stays.", await neighbourPage.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AFeedAndIts304ComeFromTheWebHostWithoutAskingTheApi_AndANewSummaryChangesItAtOnce()
    {
        await site.CreateMemberAsync("edge-writer");
        using var writer = await site.ApiClientForAsync("edge-writer");
        var paper = await AddPaperAsync(writer, new ManualPaper("Edge Feed Paper", ["Edgar Edge"], Year: 1985));
        var feed = $"/feeds/papers/{Uri.EscapeDataString(paper.Key)}.atom";
        using var reader = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = site.WebUrl };

        // A reader that always asks conditionally still fills the cache (its first answer is the whole feed).
        using var first = await Conditional(reader, feed, "\"not-what-you-have\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;

        var asked = ApiRequestsFor(feed);
        using (var notModified = await Conditional(reader, feed, etag.Tag))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        using (var full = await reader.GetAsync(feed))
        {
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal(etag, full.Headers.ETag);
            Assert.Contains("Edge Feed Paper", await full.Content.ReadAsStringAsync());
        }
        Assert.Equal(asked, ApiRequestsFor(feed));

        // A new summary: the feed changes at once, and the old ETag no longer matches.
        (await writer.PutAsJsonAsync($"/api/v1/papers/{Uri.EscapeDataString(paper.Key)}/summaries/mine",
            new PublishRequest("Edgewise the feed moves.", null, false, null))).EnsureSuccessStatusCode();
        Assert.True(await EventuallyContainsAsync(reader, feed, "Edgewise the feed moves."));
        using var changed = await Conditional(reader, feed, etag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    int ApiRequestsFor(string path) => site.Api.Requests.Count(p => string.Equals(p, Uri.UnescapeDataString(path), StringComparison.Ordinal));

    static Task<HttpResponseMessage> Conditional(HttpClient reader, string path, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        return reader.SendAsync(request);
    }

    static async Task<PaperDetail> AddPaperAsync(HttpClient member, ManualPaper paper)
    {
        var added = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: paper));
        added.EnsureSuccessStatusCode();
        return (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
    }

    /// <summary>
    /// The Web host hears of the API's writes over a long poll that is already waiting, so "at once" is a few
    /// milliseconds: a page is retried for at most two seconds.
    /// </summary>
    internal static async Task<bool> EventuallyContainsAsync(HttpClient reader, string path, string text, int seconds = 2)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            using var response = await reader.GetAsync(path);
            response.EnsureSuccessStatusCode();
            if ((await response.Content.ReadAsStringAsync()).Contains(text, StringComparison.Ordinal)) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(20);
        }
    }
}
