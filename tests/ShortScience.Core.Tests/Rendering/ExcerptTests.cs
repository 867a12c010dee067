namespace ShortScience.Core.Tests.Rendering;

public sealed class ExcerptTests
{
    static readonly string Sentence = "Adversarial training pits a generator against a discriminator until samples look real. ";

    [Fact]
    public void TakesTheFirstParagraphsAndSkipsHeadings()
    {
        var excerpt = Rendered.Parse(Rendered.Text("## Problem\n\nFirst paragraph.\n\n## Idea\n\nSecond paragraph.\n\nThird.").ExcerptHtml);

        Assert.Empty(excerpt.QuerySelectorAll("h2"));
        Assert.Equal(["First paragraph.", "Second paragraph."], excerpt.QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Fact]
    public void StopsAfterEnoughText()
    {
        var long1 = string.Concat(Enumerable.Repeat(Sentence, 5));

        var excerpt = Rendered.Parse(Rendered.Text($"{long1}\n\nSecond paragraph.").ExcerptHtml);

        Assert.Single(excerpt.QuerySelectorAll("p"));
        Assert.InRange(excerpt.Body!.TextContent.Length, 400, 600);
    }

    [Fact]
    public void CutsALongParagraphBetweenWordsOutsideFormulasAndTags()
    {
        var words = string.Concat(Enumerable.Range(0, 60).Select(i => $"word{i} *emphasis {i}* and $x_{{{i}}}^2$ then "));

        var text = Rendered.Text(words);
        var excerpt = Rendered.Parse(text.ExcerptHtml);

        var content = excerpt.Body!.TextContent;
        Assert.EndsWith("…", content.Trim());
        Assert.InRange(excerpt.QuerySelector("p")!.TextContent.Length, 200, 900);
        Assert.Empty(Rendered.Errors(excerpt));
        // Every formula kept is whole: its annotation is one of the source's formulas.
        Assert.All(Rendered.KatexSources(excerpt), tex => Assert.Matches(@"^x_\{\d+\}\^2$", tex));
        Assert.Equal(excerpt.QuerySelectorAll("em").Length, excerpt.QuerySelectorAll("em").Count(e => e.TextContent.StartsWith("emphasis")));
    }

    [Fact]
    public void KeepsDisplayMathBetweenParagraphsButNotDefinitions()
    {
        var excerpt = Rendered.Parse(Rendered.Text("$$\n\\newcommand{\\KL}{\\operatorname{KL}}\n$$\n\n## Problem\n\nThe bound is\n\n$$\n\\KL(q \\| p) \\ge 0\n$$\n\nwhich holds.").ExcerptHtml);

        Assert.Equal(["\\KL(q \\| p) \\ge 0"], Rendered.KatexSources(excerpt));
        Assert.Equal(2, excerpt.QuerySelectorAll("p").Length);
    }

    [Fact]
    public void LeavesOutFootnoteMarkersWhoseNotesAreNotThere()
    {
        var excerpt = Rendered.Text("A claim[^1].\n\n[^1]: Its source.").ExcerptHtml;

        Assert.Equal("<p>A claim.</p>", excerpt.Trim());
    }

    [Fact]
    public void ATextOfListsOnlyShowsItsFirstItem() =>
        Assert.Equal("<p>first point</p>", Rendered.Text("- first point\n- second point").ExcerptHtml.Trim());
}

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("## Title\n\nSome *emphasis* and a [link](https://example.org).", "Title\nSome emphasis and a link.")]
    [InlineData("Math $x_1 & y$ stays TeX.", "Math x_1 & y stays TeX.")]
    [InlineData("\\begin{align}\na &= b\n\\end{align}", "\\begin{align}\na &= b\n\\end{align}")]
    [InlineData("Cites \\cite{1706.03762}.", "Cites [arXiv:1706.03762].")]
    [InlineData("Escaped <b>tags</b> & entities &amp;", "Escaped <b>tags</b> & entities &")]
    [InlineData("$$\n\\newcommand{\\a}{b}\n$$\n\nText.", "Text.")]
    public void IsTheTextWithoutMarkup(string markdown, string text) =>
        Assert.Equal(text, Rendered.Text(markdown).PlainText);
}
