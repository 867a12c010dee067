using System.Net.Http.Json;
using System.Xml.Linq;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Papers;

/// <summary>Abstracts go through the renderer with Markdown off and math on: formulas as KaTeX, all else escaped text.</summary>
public sealed class AbstractMathTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    const string Hostile = "We bound $\\alpha$ and \\(x^2\\) with *no* Markdown <script>alert(1)</script> [a](javascript:x) <b>bold</b>.";

    [Fact]
    public async Task APaperDetailCarriesTheAbstractWithKatexMathAndEverythingElseEscaped()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "abstract-math", "Math in an abstract");
            paper.Abstract = Hostile;
            await db.SaveChangesAsync();
        });

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/abstract-math");

        Assert.NotNull(paper);
        Assert.Equal(Hostile, paper.Abstract); // plain, for search and meta tags
        var html = paper.AbstractHtml!;
        Assert.Contains("class=\"katex\"", html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">\\alpha</annotation>", html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">x^2</annotation>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
        Assert.Contains("*no* Markdown", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("$", html);
    }

    [Fact]
    public async Task APaperWithoutAnAbstractHasNoAbstractHtml()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "no-abstract", "No abstract");
            paper.Abstract = null;
            await db.SaveChangesAsync();
        });

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/no-abstract");

        Assert.Null(paper!.AbstractHtml);
    }

    [Fact]
    public async Task ThePapersFeedEntriesCarryTheAbstractWithItsMathRendered()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "abstract-feed", "Math in a feed");
            paper.Abstract = Hostile;
            var ada = await TestData.UserAsync(db, "ada-abstract");
            await TestData.SummaryAsync(db, paper, ada, "<p>A summary</p>");
        });

        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync("/feeds/papers/abstract-feed.rss"));

        XNamespace ss = "https://shortscience.example/ns/feed/1.0";
        var abstractHtml = Assert.Single(xml.Descendants(ss + "abstract")).Value;
        Assert.Contains("katex", abstractHtml);
        Assert.Contains("\\alpha", abstractHtml);
        Assert.DoesNotContain("<script", abstractHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", abstractHtml);
    }
}
