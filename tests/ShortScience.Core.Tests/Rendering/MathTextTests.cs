using ShortScience.Core.Rendering;

namespace ShortScience.Core.Tests.Rendering;

/// <summary>Abstracts: plain text whose only markup is math.</summary>
public sealed class MathTextTests
{
    public static TheoryData<string, string[], string[]> Splits => new()
    {
        // text, literal runs, formulas (in order)
        { "No math at all.", ["No math at all."], [] },
        { "We bound $\\alpha$ here.", ["We bound ", " here."], ["\\alpha"] },
        { "Parens \\(x^2\\) too", ["Parens ", " too"], ["x^2"] },
        { "Display $$\\sum_i x_i$$ and \\[e^{i\\pi}\\]", ["Display ", " and "], ["\\sum_i x_i", "e^{i\\pi}"] },
        { "It costs \\$5 and \\$6.", ["It costs $5 and $6."], [] },
        { "A lone $ sign stays", ["A lone $ sign stays"], [] },
        { "Prices $ 5 and $ 6", ["Prices $ 5 and $ 6"], [] },
        { "Unclosed \\( here", ["Unclosed \\( here"], [] },
        { "Blank line $a\n\nb$ ends it", ["Blank line $a\n\nb$ ends it"], [] },
        { "*Not* <b>markdown</b> $x$", ["*Not* <b>markdown</b> "], ["x"] },
        { "Escaped \\$ in $a\\$b$", ["Escaped $ in "], ["a\\$b"] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void SplitsTextFromFormulas(string text, string[] literals, string[] formulas)
    {
        var pieces = MathText.Split(text);

        Assert.Equal(literals, pieces.Where(p => !p.IsMath).Select(p => p.Text));
        Assert.Equal(formulas, pieces.Where(p => p.IsMath).Select(p => p.Text));
    }

    [Fact]
    public void AnAbstractWithAlphaYieldsKatexAndItsScriptStaysEscaped()
    {
        var html = Rendered.Renderer.RenderMathText("Let $\\alpha$ be <script>alert(1)</script> & **bold**");
        var document = Rendered.Parse(html);

        Assert.Equal(["\\alpha"], Rendered.KatexSources(document));
        Assert.Empty(document.QuerySelectorAll("script, strong, em, p"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; **bold**", html);
    }
}
