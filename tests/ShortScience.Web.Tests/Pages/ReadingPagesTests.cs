using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ShortScience.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed partial class ReadingPagesTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task HomeShowsLatestSummariesNewestFirstAndLeadsToThePaper()
    {
        var (page, errors) = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(site.WebUrl, "/?tab=recent").ToString());

        Assert.Equal(200, response!.Status);
        var teasers = page.Locator("article.teaser");
        // The 15 demo summaries, plus any that other tests on this site published meanwhile.
        Assert.InRange(await teasers.CountAsync(), 15, 20);
        var dates = await page.Locator("article.teaser .meta time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);

        // Each teaser names the paper, its authors, venue and year, and opens the summary.
        var first = teasers.First;
        Assert.False(string.IsNullOrWhiteSpace(await first.Locator("h2.teaser-title").InnerTextAsync()));
        Assert.Matches(YearPattern(), await first.Locator(".byline .venue").InnerTextAsync());
        Assert.True(await first.Locator(".byline .authors a").CountAsync() >= 1);
        Assert.True(await first.Locator(".excerpt p").CountAsync() >= 1);

        var title = await first.Locator("h2.teaser-title").InnerTextAsync();
        await first.Locator("h2.teaser-title a").ClickAsync();
        // The URL is enough: the heading below waits for the page itself, whatever the load event does on a busy machine.
        await page.WaitForURLAsync(new Regex("/papers/"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PaperPageShowsMetadataAbstractLinksAndEverySummaryRendered()
    {
        var (page, errors) = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("Attention Is All You Need", await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith("Ashish Vaswani", await page.Locator(".byline .authors").InnerTextAsync());
        Assert.Contains("NeurIPS", await page.Locator(".byline .venue").InnerTextAsync());
        Assert.Contains("2017", await page.Locator(".byline .venue").InnerTextAsync());
        Assert.True(await page.Locator(".keywords li").CountAsync() >= 2);
        Assert.Equal("https://arxiv.org/abs/1706.03762", await page.Locator(".links a").First.GetAttributeAsync("href"));

        // The abstract starts collapsed to a few lines and opens with "more".
        var abstractText = page.Locator(".abstract .clamped");
        var collapsed = await abstractText.BoundingBoxAsync();
        await page.Locator(".abstract .more-label").ClickAsync();
        var expanded = await abstractText.BoundingBoxAsync();
        Assert.True(expanded!.Height > collapsed!.Height, $"abstract did not expand ({collapsed.Height} → {expanded.Height})");

        // Two summaries, each rendered from Markdown (headings, paragraphs), best score first.
        var summaries = page.Locator("article.summary");
        Assert.Equal(2, await summaries.CountAsync());
        Assert.True(await summaries.First.Locator(".prose h2, .prose h3").CountAsync() >= 1);
        var scores = await page.Locator("article.summary .meta span[title=Score]").AllInnerTextsAsync();
        Assert.Equal(scores.OrderByDescending(s => int.Parse(s.TrimStart('▲', ' '))), scores);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PaperPageLaysOutOnAPhoneWithoutSidewaysScrolling()
    {
        var (page, errors) = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 360, Height = 740 } });
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1406.2661").ToString());

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than a 360px phone screen");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task UnknownPaperIsARealNotFoundPage()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(site.WebUrl, "/papers/0000.00000"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("<header class=\"site-header\"", html);
    }

    [Fact]
    public async Task UnknownAddressIsARealNotFoundPage()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(site.WebUrl, "/no/such/page"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VenueListShowsEachVenueWithCounts()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/venues").ToString());

        var rows = page.Locator("table.venues tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        var text = await page.Locator("table.venues").InnerTextAsync();
        Assert.Contains("NeurIPS", text);
        Assert.Contains("ICLR", text);
        Assert.Contains("ICML", text);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ApiIsReachableThroughTheWebOrigin()
    {
        using var http = new HttpClient();
        var venues = await http.GetFromJsonAsync<List<Contracts.VenueListItem>>(new Uri(site.WebUrl, "/api/v1/venues"));

        Assert.Equal(3, venues!.Count);
    }

    [GeneratedRegex(@"\b(19|20)\d\d\b")]
    private static partial Regex YearPattern();
}
