using System.Xml.Linq;
using ShortScience.Core.Feeds;
using ShortScience.Core.Tests.Rendering;

namespace ShortScience.Core.Tests.Feeds;

public sealed class FeedHtmlTests
{
    const string Site = "https://ss.example";
    const string Page = "https://ss.example/papers/1/summaries/2";

    [Theory]
    [InlineData("<p>plain</p>", "<p>plain</p>")]
    [InlineData("<a href=\"/papers/1406.2661\">GAN</a>", "<a href=\"https://ss.example/papers/1406.2661\">GAN</a>")]
    [InlineData("<a href=\"https://arxiv.org/abs/1\">x</a>", "<a href=\"https://arxiv.org/abs/1\">x</a>")]
    [InlineData("<a href=\"//cdn.example/x\">x</a>", "<a href=\"https://cdn.example/x\">x</a>")]
    [InlineData("<a href=\"other/page?a=1&amp;b=2\">x</a>", "<a href=\"https://ss.example/papers/1/summaries/other/page?a=1&amp;b=2\">x</a>")]
    [InlineData("<img src=\"../img.png\">", "<img src=\"https://ss.example/papers/1/img.png\">")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"https://ss.example/papers/1/summaries/2\">x</a>")]
    [InlineData("<a href=\"mailto:a@b.example\">x</a>", "<a href=\"mailto:a@b.example\">x</a>")]
    [InlineData("<sup><a href=\"#fn:1\" class=\"footnote-ref\">1</a></sup>", "<sup><a href=\"https://ss.example/papers/1/summaries/2#fn:1\" class=\"footnote-ref\">1</a></sup>")]
    [InlineData("<img src=\"/img/a.png\" alt=\"a\">", "<img src=\"https://ss.example/img/a.png\" alt=\"a\">")]
    [InlineData("<p>a href=\"/x\" in text</p>", "<p>a href=\"/x\" in text</p>")]
    [InlineData("<p>bell\u0007 and nul\u0000 gone</p>", "<p>bell and nul gone</p>")]
    [InlineData("<span class=\"katex\"><span class=\"katex-mathml\"><math><mi>x</mi></math></span><span class=\"katex-html\" aria-hidden=\"true\"><span class=\"base\"><span class=\"mord\">x</span></span></span></span> after",
        "<span class=\"katex\"><span class=\"katex-mathml\"><math><mi>x</mi></math></span></span> after")]
    [InlineData("<span class=\"katex-html\" aria-hidden=\"true\"><span><svg><path d=\"M0\"></path></svg></span></span><p>next</p>", "<p>next</p>")]
    public void PreparesStoredHtmlForFeedReaders(string html, string expected) =>
        Assert.Equal(expected, FeedHtml.Prepare(html, Site, Page));

    /// <summary>A comment's or answer's entry links to its place on the page; its own footnotes replace that fragment.</summary>
    [Theory]
    [InlineData("#fn:1", "https://ss.example/papers/1/summaries/2#fn:1")]
    [InlineData("#top", "https://ss.example/papers/1/summaries/2#top")]
    public void AFragmentInAnEntryWhoseAddressHasOneReplacesIt(string href, string expected) =>
        Assert.Equal(expected, FeedHtml.Absolute(href, Site, Page + "#comment-8"));

    [Theory]
    [InlineData("ok", "ok")]
    [InlineData("tab\tnewline\ncr\r", "tab\tnewline\ncr\r")]
    [InlineData("a\u0001b\u001Fc", "abc")]
    [InlineData("x\uFFFEy\uFFFF", "xy")]
    [InlineData("emoji 😀 stays", "emoji 😀 stays")]
    public void CleansCharactersXmlForbids(string text, string expected) => Assert.Equal(expected, XmlChars.Clean(text));

    [Fact]
    public void DropsUnpairedSurrogates() =>
        Assert.Equal("lone  surrogate", XmlChars.Clean("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void RealKatexOutputKeepsOnlyMathMl()
    {
        var html = Rendered.Text("Inline $\\sqrt{x^2+1}$ and display:\n\n$$\\frac{a}{b} \\tag{1}$$\n").Html;
        Assert.Contains("katex-html", html);

        var prepared = FeedHtml.Prepare(html, Site, Page);

        Assert.DoesNotContain("katex-html", prepared);
        Assert.DoesNotContain("<svg", prepared);
        Assert.Equal(2, prepared.Split("<math").Length - 1);
        // Still well-formed once the visual half is gone: every span that was opened is closed.
        XElement.Parse("<root>" + prepared.Replace("&nbsp;", "&#160;") + "</root>");
    }
}
