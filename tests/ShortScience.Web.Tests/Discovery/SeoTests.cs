using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ShortScience.Web.Components.Pages.Papers;

namespace ShortScience.Web.Tests.Discovery;

[Collection(DiscoveryCollection.Name)]
public sealed partial class SeoTests(SiteFixture site, Browser browser)
{
    static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.WebUrl };

    [Theory]
    [InlineData("/paper?bibtexKey=journals/corr/1406.2661", "/papers/1406.2661")]
    [InlineData("/paper?bibtexKey=journals%2Fcorr%2Fabs-1706-03762", "/papers/1706.03762")]
    [InlineData("/paper?bibtexKey=1412.6980", "/papers/1412.6980")]
    [InlineData("/venue?key=NIPS", "/venues/neurips")]
    [InlineData("/venue?key=Neural%20Information%20Processing%20Systems&year=2017", "/venues/neurips/2017")]
    [InlineData("/user?name=ada", "/users/ada")]
    public async Task ShortScienceOrgAddressesMovePermanently(string old, string now)
    {
        using var http = Http();
        var response = await http.GetAsync(old);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(now, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnOldAddressOfAPaperThatIsNotHereIsNotFound()
    {
        using var http = Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/paper?bibtexKey=conf/nowhere/Nobody99")).StatusCode);
    }

    [Fact]
    public async Task TheSitemapListsSummarizedPapersAndBrowsingPagesAndRobotsPointToIt()
    {
        await site.SeedAsync();
        using var http = Http();

        var robots = await http.GetStringAsync("/robots.txt");
        var index = XDocument.Parse(await http.GetStringAsync("/sitemap.xml"));
        var parts = index.Descendants(Sitemap + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();
        var urls = new List<string>();
        foreach (var part in parts)
        {
            var xml = XDocument.Parse(await http.GetStringAsync(part));
            Assert.Equal(Sitemap + "urlset", xml.Root!.Name);
            urls.AddRange(xml.Descendants(Sitemap + "loc").Select(l => new Uri(l.Value).AbsolutePath));
        }

        Assert.Contains($"Sitemap: {new Uri(site.WebUrl, "/sitemap.xml")}", robots);
        Assert.Contains("Disallow: /search", robots);
        Assert.Contains("/sitemaps/pages.xml", parts);
        Assert.Contains("/papers/1706.03762", urls);
        Assert.Contains("/venues/neurips/2014", urls);
        Assert.Contains("/years/2017", urls);
        Assert.DoesNotContain($"/papers/{DiscoverySite.WaitingKey}", urls);
        Assert.Equal(13, urls.Count(u => u.StartsWith("/papers/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APaperPageHasItsCanonicalAddressSharingTagsAndScholarlyArticleData()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());

        Assert.Equal(new Uri(site.WebUrl, "/papers/1706.03762").ToString(), await page.Locator("link[rel=canonical]").GetAttributeAsync("href"));
        Assert.Equal("Attention Is All You Need", await page.Locator("meta[property='og:title']").GetAttributeAsync("content"));
        Assert.Equal("article", await page.Locator("meta[property='og:type']").GetAttributeAsync("content"));
        Assert.Equal(0, await page.Locator("meta[name=robots]").CountAsync());
        using var ld = JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "");
        Assert.Equal("ScholarlyArticle", ld.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Ashish Vaswani", ld.RootElement.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnUnsummarizedPaperIsNoindexAndAHostileTitleStaysInsideItsData()
    {
        await site.SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{DiscoverySite.TrickyKey}").ToString());

        Assert.Equal("noindex, follow", await page.Locator("meta[name=robots]").GetAttributeAsync("content"));
        var scripts = page.Locator("script[type='application/ld+json']");
        Assert.Equal(1, await scripts.CountAsync());
        using var ld = JsonDocument.Parse(await scripts.TextContentAsync() ?? "");
        Assert.Equal(DiscoverySite.TrickyTitle, ld.RootElement.GetProperty("name").GetString());
        Assert.Equal(0, dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public void StructuredDataCannotCloseItsScriptElement()
    {
        var paper = new Core.Contracts.PaperDetail("k", "A </script><b>bold</b> & <!-- title", "</SCRIPT> abstract", [], null, 2020, [],
            null, null, null, null, null, null, []);

        var script = PaperJsonLd.Script(paper, "https://example.org/papers/k");

        Assert.Equal(1, ScriptClose().Count(script));
        Assert.DoesNotContain("<!--", script);
        using var json = JsonDocument.Parse(script["<script type=\"application/ld+json\">".Length..^"</script>".Length]);
        Assert.Equal(paper.Title, json.RootElement.GetProperty("name").GetString());
    }

    [GeneratedRegex("</script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptClose();
}
