using System.Globalization;
using System.Text.RegularExpressions;
using ShortScience.Core.Rendering;
using ShortScience.Testing;

namespace ShortScience.Core.Tests.Rendering;

/// <summary>Every entry of hostile-inputs.txt comes out inert, whether it renders or is refused.</summary>
public sealed partial class HostileInputTests
{
    static readonly Lazy<IReadOnlyList<string>> Corpus = new(() => HostileCorpus.Entries);

    // Rows carry the entry's number only: some entries hold control characters that test reports cannot.
    public static TheoryData<int> Entries() => new(Enumerable.Range(1, Corpus.Value.Count));

    [Fact]
    public void TheCorpusHasAtLeastThreeHundredEntries() => Assert.True(Corpus.Value.Count >= 300, $"{Corpus.Value.Count} entries");

    [Theory]
    [MemberData(nameof(Entries))]
    public void RendersInert(int entry)
    {
        var markdown = Corpus.Value[entry - 1];
        RenderedText rendered;
        try
        {
            rendered = Rendered.Text(markdown);
        }
        catch (RenderRefusedException refused)
        {
            Assert.NotEqual(RefusalReason.Busy, refused.Reason);
            return;
        }
        HtmlSafety.AssertInert(rendered.Html);
        HtmlSafety.AssertInert(rendered.ExcerptHtml);
    }

    [Theory]
    [InlineData("$\\href{javascript:alert(1)}{x}$", "\\href links only to http:// or https:// addresses")]
    [InlineData("$\\href{ JaVaScRiPt:alert(1)}{x}$", "\\href links only to http:// or https:// addresses")]
    [InlineData("$\\href{data:text/html,<b>x</b>}{x}$", "\\href links only to http:// or https:// addresses")]
    [InlineData("$\\url{javascript:alert(1)}$", "\\url links only to http:// or https:// addresses")]
    [InlineData("$$\\newcommand{\\go}[1]{\\href{javascript:#1}{go}} \\go{alert(1)}$$", "\\href links only to http:// or https:// addresses")]
    [InlineData("$\\includegraphics{https://evil.example/x.png}$", "\\includegraphics is not allowed in a formula")]
    [InlineData("$\\htmlClass{evil}{y}$", "\\htmlClass is not allowed in a formula")]
    [InlineData("$\\htmlStyle{position:fixed}{y}$", "\\htmlStyle is not allowed in a formula")]
    public void CommandsTheSiteDoesNotAllowInMathSaySoInsteadOfShowingRedText(string markdown, string message)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(html.QuerySelectorAll("a, img, [style*=fixed], .evil, .katex"));
        Assert.Contains(message, html.QuerySelector(".math-error-message")!.TextContent);
        HtmlSafety.AssertInert(html.Body!.InnerHtml);
    }

    /// <summary>An address without a scheme (or a relative one) is no link anywhere on the site: its text stays, unlinked.</summary>
    [Theory]
    [InlineData("$\\url{www.example.org/paper}$", "www.example.org/paper")]
    [InlineData("$$\\href{/account/delete}{\\text{delete}}$$", "delete")]
    [InlineData("$\\href{https://exa mple.org}{\\text{spaced}}$", "spaced")]
    [InlineData("$\\href{java&#x0A;script:alert(1)}{\\text{entity}}$", "entity")]
    public void AddressesThatAreNotHttpStayTextInMath(string markdown, string text)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(html.QuerySelectorAll("a, [href]"));
        Assert.Contains(text, html.QuerySelector(".katex-html")!.TextContent);
        Assert.Empty(html.QuerySelectorAll(".math-error"));
    }

    /// <summary>Writers link from formulas as in LaTeX; the links follow the site's rule for every outside link.</summary>
    [Theory]
    [InlineData("$\\href{https://arxiv.org/abs/1706.03762}{\\text{attention}}$", "https://arxiv.org/abs/1706.03762", "attention")]
    [InlineData("$$\\url{http://example.org/a_b?c=1&d=2}$$", "http://example.org/a_b?c=1&d=2", "http://example.org/a_b?c=1&d=2")]
    [InlineData("$\\href{https://example.org/\"onmouseover=\"x}{y}$", "https://example.org/\"onmouseover=\"x", "y")]
    public void HttpLinksInMathWork(string markdown, string href, string text)
    {
        var html = Rendered.Html(markdown);

        var link = Assert.Single(html.QuerySelectorAll(".katex-html a"));
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
        Assert.Contains(text, link.TextContent);
        Assert.Empty(html.QuerySelectorAll(".math-error"));
        HtmlSafety.AssertInert(html.Body!.InnerHtml);
    }

}
