using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ShortScience.Web.Components.Pages.Papers;

namespace ShortScience.Web.Tests.Browse;

[Collection(BrowseCollection.Name)]
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
    public Task ShortScienceOrgAddressesMovePermanently(string old, string now) => MovesPermanentlyAsync(old, now);

    async Task MovesPermanentlyAsync(string address, string now)
    {
        using var http = Http();
        var response = await http.GetAsync(address);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(now, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/papers/1611.03530/questions", "/papers/1611.03530#questions")]
    [InlineData("/papers/1611.03530/questions/17", "/papers/1611.03530#question-17")]
    [InlineData("/papers/a%20b/questions", "/papers/a%20b#questions")]
    public Task APapersQuestionsLeadToThemOnItsPage(string address, string now) => MovesPermanentlyAsync(address, now);

    [Fact]
    public async Task AnOldAddressOfAPaperThatIsNotHereOffersToAddIt()
    {
        using var http = Http();
        var response = await http.GetAsync("/paper?bibtexKey=conf/nowhere/Nobody99");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/papers/add?key=conf%2Fnowhere%2FNobody99", response.Headers.Location?.OriginalString);

        // The page it leads to answers 200 to anyone and names the key it was asked for.
        var add = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.Contains("conf/nowhere/Nobody99", await add.Content.ReadAsStringAsync());
    }

    /// <summary>An "add this paper" link made before the paper arrived (in a feed reader's copy, say) now leads to it.</summary>
    [Theory]
    [InlineData("/papers/add?key=1502.03167", "/papers/1502.03167")]
    [InlineData("/papers/add?key=arXiv:1502.03167v3", "/papers/1502.03167")]
    public async Task TheAddThisPaperPageOfAPaperThatIsHereLeadsToIt(string address, string paper)
    {
        await site.SeedAsync();
        using var http = Http();
        var response = await http.GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(paper, location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
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
        Assert.DoesNotContain($"/papers/{BrowseSite.WaitingKey}", urls);
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
    public async Task APaperPageCarriesHighwireCitationTagsForGoogleScholar()
    {
        using var http = Http();
        var html = await http.GetStringAsync("/papers/1706.03762");
        string? Meta(string name) => Regex.Match(html, $"<meta name=\"{name}\" content=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        List<string> All(string name) => Regex.Matches(html, $"<meta name=\"{name}\" content=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.Equal("Attention Is All You Need", Meta("citation_title"));
        Assert.Equal(8, All("citation_author").Count);
        Assert.Equal("Łukasz Kaiser", All("citation_author")[6]);
        Assert.Equal("2017/06/12", Meta("citation_publication_date"));
        Assert.Equal("Conference on Neural Information Processing Systems", Meta("citation_conference_title"));
        Assert.Equal("1706.03762", Meta("citation_arxiv_id"));
        Assert.Equal("https://arxiv.org/pdf/1706.03762", Meta("citation_pdf_url"));
    }

    /// <summary>Google Scholar is told a conference from a journal by the venue's kind, not by words in its name.</summary>
    [Fact]
    public async Task HighwireTagsNameAJournalWhoseNameSaysProceedingsAsAJournal()
    {
        await site.SeedAsync();
        await site.CreateMemberAsync("highwire-adder");
        using var api = await site.ApiClientForAsync("highwire-adder");
        var added = await api.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Input: """
            @article{pnaspaper2019, title = {A Paper In A Journal Named Proceedings}, author = {Author, Anna},
              journal = {Proceedings of the National Academy of Sciences}, year = {2019}}
            """));
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;

        using var http = Http();
        var html = await http.GetStringAsync($"/papers/{Uri.EscapeDataString(key)}");

        Assert.Contains("<meta name=\"citation_journal_title\" content=\"Proceedings of the National Academy of Sciences\"", html);
        Assert.DoesNotContain("citation_conference_title", html);
    }

    [Fact]
    public async Task AnUnsummarizedPaperIsNoindexAndAHostileTitleStaysInsideItsData()
    {
        await site.SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{BrowseSite.TrickyKey}").ToString());

        Assert.Equal("noindex, follow", await page.Locator("meta[name=robots]").GetAttributeAsync("content"));
        var scripts = page.Locator("script[type='application/ld+json']");
        Assert.Equal(1, await scripts.CountAsync());
        using var ld = JsonDocument.Parse(await scripts.TextContentAsync() ?? "");
        Assert.Equal(BrowseSite.TrickyTitle, ld.RootElement.GetProperty("name").GetString());
        Assert.Equal(0, dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public void StructuredDataCannotCloseItsScriptElement()
    {
        var paper = new Contracts.PaperDetail("k", "A </script><b>bold</b> & <!-- title", "</SCRIPT> abstract", [], null, 2020, [],
            null, null, null, null, null, null, []);

        var script = PaperJsonLd.Script(paper, "https://example.org/papers/k");

        Assert.Equal(1, ScriptClose().Count(script));
        Assert.DoesNotContain("<!--", script);
        using var json = JsonDocument.Parse(script["<script type=\"application/ld+json\">".Length..^"</script>".Length]);
        Assert.Equal(paper.Title, json.RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/papers/1706.03762", "text/html")]
    [InlineData("/venues/neurips/2017", "text/html")]
    [InlineData("/papers/1706.03762.bib", "application/x-bibtex")]
    [InlineData("/feeds/summaries.atom", "application/atom+xml")]
    [InlineData("/sitemap.xml", "application/xml")]
    public async Task HeadAnswersAsGetDoesWithoutTheBody(string path, string type)
    {
        await site.SeedAsync();
        var afterHead = await AssertHeadAnswersAsGetAsync(site.WebUrl, path, type, "/robots.txt");
        Assert.StartsWith("User-agent: *", afterHead);
    }

    [Fact]
    public async Task HeadOfAPageThatIsNotHereIsNotFound()
    {
        using var http = Http();
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/papers/0000.00000-nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    /// <summary>
    /// The API too (feed readers and link checkers may be given its addresses): HEAD of any read answers as GET does,
    /// without the body, and HEAD of a route that only takes POST is refused with what it allows.
    /// </summary>
    [Theory]
    [InlineData("/feeds/summaries.rss", "application/rss+xml")]
    [InlineData("/feeds/venues/neurips.atom", "application/atom+xml")]
    [InlineData("/api/v1/papers/1706.03762", "application/json")]
    [InlineData("/api/v1/venues", "application/json")]
    public async Task TheApiAnswersHeadAsGetDoesWithoutTheBody(string path, string type)
    {
        await site.SeedAsync();
        var afterHead = await AssertHeadAnswersAsGetAsync(site.Api.Address, path, type, "/health/live");
        Assert.Contains("Healthy", afterHead);

        using var http = new HttpClient { BaseAddress = site.Api.Address };
        var post = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/auth/login"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("POST", post.Content.Headers.Allow);
    }

    /// <summary>
    /// HEAD of <paramref name="path"/> answers 200 with GET's type; on the wire the HEAD answer ends with its headers, so
    /// the next answer on the same connection (a GET of <paramref name="next"/>) starts right after them (a body would
    /// stand in between). Returns what follows that next answer's headers.
    /// </summary>
    async Task<string> AssertHeadAnswersAsGetAsync(Uri host, string path, string type, string next)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host };
        var get = await http.GetAsync(path);
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.StartsWith(type, get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        var wire = await PipelinedAsync($"HEAD {path} HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            $"GET {next} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", host);
        var answers = wire.Split("\r\n\r\n", 3);
        Assert.StartsWith("HTTP/1.1 200 ", answers[0]);
        Assert.StartsWith("HTTP/1.1 200 ", answers[1]);
        return answers[2];
    }

    static async Task<string> PipelinedAsync(string requests, Uri host)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(host.Host, host.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(requests));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex("</script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptClose();
}
