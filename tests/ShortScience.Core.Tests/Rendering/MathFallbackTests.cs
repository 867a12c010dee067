namespace ShortScience.Core.Tests.Rendering;

/// <summary>What KaTeX cannot read goes to MathJax; what neither can read is shown as its source with the reason.</summary>
public sealed class MathFallbackTests
{
    [Theory]
    [InlineData("\\begin{multline}\na + b \\\\\nc + d\n\\end{multline}")]
    [InlineData("Inline $\\begin{multline}x\\\\y\\end{multline}$ too.")]
    [InlineData("\\begin{align}\na &= b \\label{eq:a}\n\\end{align}\n\nAs (\\eqref{eq:a}) shows.")]
    [InlineData("\\begin{eqnarray}\na &=& b\n\\end{eqnarray}")]
    public void FormulasKatexRejectsRenderAsMathJaxMathMl(string markdown)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(Rendered.Errors(html));
        Assert.NotEmpty(html.QuerySelectorAll(".math-mathjax math"));
        HtmlSafety.AssertInert(html.Body!.InnerHtml);
    }

    [Fact]
    public void TheFallbackKnowsTheDocumentsDefinitions()
    {
        var html = Rendered.Html("$\\newcommand{\\foo}{q}\\foo$ and $\\begin{multline}\\foo\\\\y\\end{multline}$");

        Assert.Contains("<mi>q</mi>", html.QuerySelector(".math-mathjax")!.InnerHtml);
    }

    [Fact]
    public void AFormulaNeitherCanReadShowsItsEscapedSourceAndTheReasonAndTheRestRenders()
    {
        var html = Rendered.Html("Before $\\nosuchmacro<b>{x}$ and $y$ after.");

        var error = html.QuerySelector("span.math-error")!;
        Assert.Equal("\\nosuchmacro<b>{x}", error.QuerySelector("code")!.TextContent);
        Assert.Contains("Undefined control sequence", error.QuerySelector(".math-error-message")!.TextContent);
        Assert.Empty(html.QuerySelectorAll("b"));
        Assert.Equal(["y"], Rendered.KatexSources(html));
    }

    [Fact]
    public void UnclosedDisplayMathEndsAtTheBlankLineAsAnError()
    {
        var html = Rendered.Html("$$\nx = 1\n\nThe text goes on with $z$.");

        Assert.Contains("not closed", html.QuerySelector("div.math-error")!.TextContent);
        Assert.StartsWith("The text goes on with", html.Body!.Children.Last().TextContent);
        Assert.Equal(["z"], Rendered.KatexSources(html));
    }
}
