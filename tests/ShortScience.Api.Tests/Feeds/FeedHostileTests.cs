using System.Net.Http.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Feeds;

/// <summary>
/// Feed readers treat RSS title, description and category as HTML, and Atom text by its declared type. Hostile
/// titles, names, venues, tags and summaries come out as text (or inert HTML with absolute links only), read here
/// with a parser that does not sanitize, as a reader would.
/// </summary>
public sealed class FeedHostileTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    const string Key = "hostile2024feed";
    const string Evil = "\"><img src=x onerror=alert(1)><script>alert(1)</script>";
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";
    static readonly HtmlParser Parser = new();

    static readonly string Markdown = string.Join("\n\n",
        "A [relative link](other/page) and a [rooted one](/papers/x), an ![image](../img.png), a [scheme-relative](//evil.example/x).",
        "[js](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>) <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">a</a>",
        Evil, "Footnote.[^1]", "[^1]: The note.");

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiFactory, Task> Seeded = [];

    /// <summary>Once per test class's database, whichever test comes first.</summary>
    Task SeedAsync()
    {
        lock (Seeded) return Seeded.GetValue(app, a => SeedOnceAsync(a));
    }

    static async Task SeedOnceAsync(ApiFactory app)
    {
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "Evil<b>Conf", "Conference " + Evil);
            var paper = await TestData.PaperAsync(db, Key, "Title " + Evil, venue, 2024, "Author " + Evil, "Eve");
            await db.Papers.Where(p => p.Id == paper.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Keywords, new List<string> { "tag" + Evil, "<svg onload=alert(1)>" }));
        });
        var writer = await app.MemberAsync("feed-hostile-writer");
        var commenter = await app.MemberAsync("feed-hostile-commenter");
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName!.StartsWith("feed-hostile-"))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Name " + Evil)));
        var summary = await FeedScenario.PublishAsync(writer, Markdown, anonymous: false, key: Key);
        var comment = await commenter.PostAsJsonAsync($"/api/v1/summaries/{summary}/comments", new CommentRequest(Markdown, null));
        comment.EnsureSuccessStatusCode();
    }

    public static TheoryData<string> Feeds() => new()
    {
        "/feeds/summaries", "/feeds/comments", $"/feeds/papers/{Key}", "/feeds/venues/" + ShortScience.Core.Text.Slug.From("Evil<b>Conf"), "/feeds/years/2024",
        "/feeds/tags/" + Uri.EscapeDataString("<svg onload=alert(1)>"), "/feeds/users/feed-hostile-writer", "/feeds/search?q=" + Uri.EscapeDataString(Evil),
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task RssTextIsEscapedTextAndItsHtmlIsInertWithAbsoluteLinks(string feed)
    {
        await SeedAsync();
        var xml = await GetAsync(feed, "rss");
        var channel = xml.Root!.Element("channel")!;
        AssertText(channel.Element("title")!.Value);
        AssertText(channel.Element("description")!.Value);
        foreach (var item in channel.Elements("item"))
        {
            AssertText(item.Element("title")!.Value);
            AssertText(item.Element("description")!.Value);
            foreach (var category in item.Elements("category")) AssertText(category.Value);
            AssertHtml(item.Element(ContentNs + "encoded")!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task AtomDeclaresEveryTextsTypeAndItsHtmlIsInertWithAbsoluteLinks(string feed)
    {
        await SeedAsync();
        var xml = await GetAsync(feed, "atom");
        Assert.Equal("text", xml.Root!.Element(Atom + "title")!.Attribute("type")?.Value);
        foreach (var entry in xml.Root.Elements(Atom + "entry"))
        {
            Assert.Equal("text", entry.Element(Atom + "title")!.Attribute("type")?.Value);
            Assert.Equal("text", entry.Element(Atom + "summary")!.Attribute("type")?.Value);
            var content = entry.Element(Atom + "content")!;
            Assert.Equal("html", content.Attribute("type")?.Value);
            AssertHtml(content.Value);
        }
    }

    [Fact]
    public async Task TheHostileEntriesAreInTheFeedsAsText()
    {
        await SeedAsync();
        var xml = await GetAsync($"/feeds/papers/{Key}", "rss");
        var item = xml.Root!.Element("channel")!.Elements("item").First();
        // Read as HTML, the title says exactly what the person typed.
        Assert.Contains(Evil, Parser.ParseDocument("<body>" + item.Element("title")!.Value).Body!.TextContent);
        Assert.Contains(item.Elements("category"), c => Parser.ParseDocument("<body>" + c.Value).Body!.TextContent == "tag" + Evil);
        var content = Parser.ParseDocument("<body>" + item.Element(ContentNs + "encoded")!.Value);
        var hrefs = content.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("http://site.test/papers/x", hrefs);
        Assert.Contains(hrefs, h => h!.StartsWith("http://site.test/papers/" + Key, StringComparison.Ordinal) && h.EndsWith("/other/page", StringComparison.Ordinal));
    }

    async Task<XDocument> GetAsync(string feed, string format)
    {
        var (path, query) = feed.Contains('?') ? (feed[..feed.IndexOf('?')], feed[feed.IndexOf('?')..]) : (feed, "");
        var response = await app.CreateClient().GetAsync($"{path}.{format}{query}");
        Assert.True(response.IsSuccessStatusCode, $"{feed}.{format}: {(int)response.StatusCode}");
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>User text in an element readers parse as HTML: no element at all comes out of it.</summary>
    static void AssertText(string value)
    {
        var body = Parser.ParseDocument("<!DOCTYPE html><html><body>" + value + "</body></html>").Body!;
        Assert.True(body.Children.Length == 0, $"markup in feed text: {value}");
    }

    /// <summary>HTML content: inert, and every link and image source absolute http(s) (or mailto).</summary>
    static void AssertHtml(string html)
    {
        HtmlSafety.AssertInert(html);
        var body = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        foreach (var element in body.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {element.OuterHtml}");
                if (attribute.Name is "href" or "src")
                {
                    Assert.True(attribute.Value.StartsWith("http://", StringComparison.Ordinal) || attribute.Value.StartsWith("https://", StringComparison.Ordinal)
                        || attribute.Value.StartsWith("mailto:", StringComparison.Ordinal), $"not absolute: {element.OuterHtml}");
                }
            }
            Assert.NotEqual("script", element.LocalName);
        }
    }
}
