using System.Globalization;
using System.Xml.Linq;

namespace ShortScience.Api.Tests.Feeds;

/// <summary>Golden tests: every element and attribute readers and bots rely on, read back with System.Xml.Linq.</summary>
public sealed class FeedFormatTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace Ss = "https://shortscience.example/ns/feed/1.0";
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    async Task<(XDocument Xml, byte[] Bytes, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)), bytes, response);
    }

    [Fact]
    public async Task RssItemCarriesEveryRequiredElement()
    {
        var scenario = await FeedScenario.For(app);
        var (xml, bytes, response) = await GetAsync("/feeds/summaries.rss");

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]); // no byte-order mark
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var channel = xml.Root!.Element("channel")!;
        Assert.Equal("2.0", xml.Root.Attribute("version")?.Value);
        Assert.Equal("ShortScience: new summaries", channel.Element("title")?.Value);
        Assert.Equal("http://site.test/", channel.Element("link")?.Value);
        Assert.False(string.IsNullOrEmpty(channel.Element("description")?.Value));
        Rfc822(channel.Element("lastBuildDate")!.Value);
        var self = channel.Elements(Atom + "link").Single(l => l.Attribute("rel")?.Value == "self");
        Assert.Equal("http://site.test/feeds/summaries.rss", self.Attribute("href")?.Value);
        Assert.Equal("application/rss+xml", self.Attribute("type")?.Value);
        Assert.Equal("tag:site.test,2026:feed/summaries", channel.Element(Atom + "id")?.Value);

        var item = channel.Elements("item").Single(i => i.Element("guid")?.Value == $"tag:site.test,2026:summary/{scenario.SignedId}");
        Assert.Equal("false", item.Element("guid")!.Attribute("isPermaLink")?.Value);
        Assert.Equal($"{FeedScenario.Title} — summary by ada Display", item.Element("title")?.Value);
        Assert.Equal($"http://site.test/papers/{FeedScenario.Key}/summaries/{scenario.SignedId}", item.Element("link")?.Value);
        Assert.Equal("ada Display", item.Element(Dc + "creator")?.Value);
        Assert.Equal(["attention", "transformers"], item.Elements("category").Select(c => c.Value));
        var published = Rfc822(item.Element("pubDate")!.Value);
        var updated = DateTimeOffset.Parse(item.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture);
        Assert.True(updated >= published.AddSeconds(-1));

        var html = item.Element(Content + "encoded")!.Value;
        AssertFeedHtml(html, scenario.SignedId);
        var text = item.Element("description")!.Value;
        Assert.Contains("Self-attention costs", text);
        Assert.DoesNotContain("<", text.Replace("< ", "", StringComparison.Ordinal));
        AssertPaper(item, scenario.SignedId, "summary");
    }

    [Fact]
    public async Task AtomEntryCarriesEveryRequiredElement()
    {
        var scenario = await FeedScenario.For(app);
        var (xml, _, response) = await GetAsync("/feeds/summaries.atom");

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var feed = xml.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("tag:site.test,2026:feed/summaries", feed.Element(Atom + "id")?.Value);
        Assert.Equal("ShortScience: new summaries", feed.Element(Atom + "title")?.Value);
        Rfc3339(feed.Element(Atom + "updated")!.Value);
        var links = feed.Elements(Atom + "link").ToList();
        Assert.Contains(links, l => l.Attribute("rel")?.Value == "self" && l.Attribute("href")?.Value == "http://site.test/feeds/summaries.atom"
            && l.Attribute("type")?.Value == "application/atom+xml");
        Assert.Contains(links, l => l.Attribute("rel")?.Value == "alternate" && l.Attribute("href")?.Value == "http://site.test/");

        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")?.Value == $"tag:site.test,2026:summary/{scenario.SignedId}");
        Assert.Equal($"{FeedScenario.Title} — summary by ada Display", entry.Element(Atom + "title")?.Value);
        Assert.Equal("ada Display", entry.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        Assert.Equal($"http://site.test/papers/{FeedScenario.Key}/summaries/{scenario.SignedId}",
            entry.Elements(Atom + "link").Single(l => l.Attribute("rel")?.Value == "alternate").Attribute("href")?.Value);
        Assert.Equal(["attention", "transformers"], entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value));
        var published = Rfc3339(entry.Element(Atom + "published")!.Value);
        Assert.True(Rfc3339(entry.Element(Atom + "updated")!.Value) >= published);
        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", content.Attribute("type")?.Value);
        AssertFeedHtml(content.Value, scenario.SignedId);
        var summary = entry.Element(Atom + "summary")!;
        Assert.Equal("text", summary.Attribute("type")?.Value);
        Assert.Contains("Self-attention costs", summary.Value);
        AssertPaper(entry, scenario.SignedId, "summary");
    }

    [Fact]
    public async Task AnonymousSummariesNameNobodyAnywhere()
    {
        var scenario = await FeedScenario.For(app);
        foreach (var path in new[] { "/feeds/summaries.rss", "/feeds/summaries.atom", $"/feeds/papers/{FeedScenario.Key}.atom", "/feeds/tags/attention.rss" })
        {
            var (xml, _, _) = await GetAsync(path);
            var entry = xml.Descendants().Single(e => e.Value == $"tag:site.test,2026:summary/{scenario.AnonymousId}").Parent!;
            Assert.EndsWith("— anonymous summary", entry.Elements().Single(e => e.Name.LocalName == "title").Value);
            Assert.DoesNotContain("cyd Display", entry.ToString(), StringComparison.Ordinal);
        }
        var (userFeed, _, _) = await GetAsync("/feeds/users/cyd.atom");
        Assert.Empty(userFeed.Root!.Elements(Atom + "entry"));
    }

    [Fact]
    public async Task CommentEntriesSayWhatTheyAnswer()
    {
        var scenario = await FeedScenario.For(app);
        var (xml, _, _) = await GetAsync("/feeds/comments.atom");

        var entry = xml.Root!.Elements(Atom + "entry").Single();
        Assert.Equal($"tag:site.test,2026:comment/{scenario.CommentId}", entry.Element(Atom + "id")?.Value);
        Assert.Equal($"{FeedScenario.Title} — comment by bob Display", entry.Element(Atom + "title")?.Value);
        Assert.EndsWith($"/summaries/{scenario.SignedId}#comment-{scenario.CommentId}",
            entry.Element(Atom + "link")?.Attribute("href")?.Value);
        Assert.Equal("comment", entry.Element(Ss + "kind")?.Value);
        Assert.Equal(scenario.SignedId.ToString(CultureInfo.InvariantCulture), entry.Element(Ss + "summaryId")?.Value);
    }

    static void AssertFeedHtml(string html, long summaryId)
    {
        Assert.Contains("<math", html);
        Assert.DoesNotContain("katex-html", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("\u0007", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://site.test/papers/{FeedScenario.Key}/summaries/{summaryId}#fn", html); // footnote, absolute
        Assert.Contains($"href=\"http://site.test/papers/{FeedScenario.Key}\"", html); // \cite link, absolute
    }

    static void AssertPaper(XElement entry, long summaryId, string kind)
    {
        Assert.Equal(kind, entry.Element(Ss + "kind")?.Value);
        Assert.Equal(summaryId.ToString(CultureInfo.InvariantCulture), entry.Element(Ss + "summaryId")?.Value);
        Assert.Equal("1", entry.Element(Ss + "revision")?.Value);
        var paper = entry.Element(Ss + "paper")!;
        Assert.Equal(FeedScenario.Key, paper.Attribute("key")?.Value);
        Assert.Equal($"http://site.test/papers/{FeedScenario.Key}", paper.Attribute("url")?.Value);
        Assert.Equal(FeedScenario.Title, paper.Element(Ss + "title")?.Value);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer"], paper.Elements(Ss + "author").Select(a => a.Value));
        Assert.Equal("ashish-vaswani", paper.Element(Ss + "author")?.Attribute("slug")?.Value);
        var venue = paper.Element(Ss + "venue")!;
        Assert.Equal(("NeurIPS", "neurips", "Neural Information Processing Systems"), (venue.Value, venue.Attribute("slug")?.Value, venue.Attribute("name")?.Value));
        Assert.Equal("2017", paper.Element(Ss + "year")?.Value);
        Assert.Equal(FeedScenario.Key, paper.Element(Ss + "arxiv")?.Value);
        Assert.Equal("10.48550/arXiv.1706.03762", paper.Element(Ss + "doi")?.Value);
        Assert.Equal("vaswani2017attention", paper.Element(Ss + "bibtexKey")?.Value);
    }

    static DateTimeOffset Rfc822(string text)
    {
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (Z|GMT|[+-]\d{4})$", text);
        return DateTimeOffset.ParseExact(text[..25], "ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    static DateTimeOffset Rfc3339(string text)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }
}
