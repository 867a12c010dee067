namespace ShortScience.Core.Tests.Rendering;

/// <summary>Math as people write it in summaries: each row is Markdown and the formulas KaTeX must render from it, in order.</summary>
public sealed class MathRenderingTests
{
    public static TheoryData<string, string[]> Formulas => new()
    {
        // Inline and display delimiters
        { "The loss $\\mathcal{L}(\\theta)$ is minimized.", ["\\mathcal{L}(\\theta)"] },
        { "Display $$\\sum_{i=1}^n x_i$$ inside a paragraph.", ["\\sum_{i=1}^n x_i"] },
        { "With parentheses \\(s_{i-1}\\) as in LaTeX.", ["s_{i-1}"] },
        { "And brackets \\[e^{i\\pi} + 1 = 0\\] inline.", ["e^{i\\pi} + 1 = 0"] },
        { "$$\nD_{KL}(q \\| p) = \\int q \\log \\frac{q}{p}\n$$", ["D_{KL}(q \\| p) = \\int q \\log \\frac{q}{p}"] },
        { "\\[\ne_{ij} = v_a^\\top \\tanh(W_a s_{i-1} + U_a h_j)\n\\]", ["e_{ij} = v_a^\\top \\tanh(W_a s_{i-1} + U_a h_j)"] },
        { "$$ a^2 + b^2 = c^2 $$", ["a^2 + b^2 = c^2"] },
        { "\\[ \\nabla_\\theta J \\]", ["\\nabla_\\theta J"] },
        { "Text before\n$$\nx = 1\n$$\ntext after", ["x = 1"] },
        { "$$\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}$$", ["\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}"] },
        // Environments on their own lines
        { "\\begin{align}\nm_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1}\n\\end{align}",
            ["\\begin{align}\nm_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1}\n\\end{align}"] },
        { "\\begin{align*}\nf(x) &= x^2\n\\end{align*}", ["\\begin{align*}\nf(x) &= x^2\n\\end{align*}"] },
        { "\\begin{equation}\nE = mc^2\n\\end{equation}", ["\\begin{equation}\nE = mc^2\n\\end{equation}"] },
        { "\\begin{equation*}\\int_0^1 x\\,dx\\end{equation*}", ["\\begin{equation*}\\int_0^1 x\\,dx\\end{equation*}"] },
        { "\\begin{gather}\na = 1 \\\\\nb = 2\n\\end{gather}", ["\\begin{gather}\na = 1 \\\\\nb = 2\n\\end{gather}"] },
        { "Intro\n\\begin{align}\nx &= 1\n\\end{align}\nafter", ["\\begin{align}\nx &= 1\n\\end{align}"] },
        // Cases, matrices, alphabets, operators
        { "$$f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$", ["f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"] },
        { "$$\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^{-1}$$", ["\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^{-1}"] },
        { "$A = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}$", ["A = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}"] },
        { "$\\det \\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}$", ["\\det \\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}"] },
        { "$x \\in \\mathbb{R}^d$ and $\\mathbf{W} \\in \\mathbb{R}^{m \\times n}$", ["x \\in \\mathbb{R}^d", "\\mathbf{W} \\in \\mathbb{R}^{m \\times n}"] },
        { "$\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$", ["\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}"] },
        { "$\\operatorname*{arg\\,max}_\\theta \\log p_\\theta(x)$", ["\\operatorname*{arg\\,max}_\\theta \\log p_\\theta(x)"] },
        { "$\\mathcal{N}(\\mu, \\sigma^2 I)$ and $\\boldsymbol{\\mu}$", ["\\mathcal{N}(\\mu, \\sigma^2 I)", "\\boldsymbol{\\mu}"] },
        { "$\\hat{y} = \\tilde{x} + \\bar{z} + \\vec{v} + \\dot{s}$", ["\\hat{y} = \\tilde{x} + \\bar{z} + \\vec{v} + \\dot{s}"] },
        { "$\\left\\lVert \\nabla f \\right\\rVert_2 \\le 5$", ["\\left\\lVert \\nabla f \\right\\rVert_2 \\le 5"] },
        { "$\\underbrace{a + b}_{\\text{sum}}$ and $\\overbrace{x}^{n}$", ["\\underbrace{a + b}_{\\text{sum}}", "\\overbrace{x}^{n}"] },
        { "$\\sqrt{d_k}$ and $\\sqrt[3]{x}$", ["\\sqrt{d_k}", "\\sqrt[3]{x}"] },
        { "$\\xrightarrow{f} \\widehat{ABC} \\overrightarrow{AB}$", ["\\xrightarrow{f} \\widehat{ABC} \\overrightarrow{AB}"] },
        { "$\\color{red}{x} + \\textcolor{blue}{y}$", ["\\color{red}{x} + \\textcolor{blue}{y}"] },
        { "$\\mathrm{d}x$, $\\mathsf{T}$, $\\mathfrak{g}$, $\\mathscr{L}$", ["\\mathrm{d}x", "\\mathsf{T}", "\\mathfrak{g}", "\\mathscr{L}"] },
        { "$\\mathbb{E}_{z \\sim q_\\phi(z|x)}[\\log p_\\theta(x|z)]$", ["\\mathbb{E}_{z \\sim q_\\phi(z|x)}[\\log p_\\theta(x|z)]"] },
        { "$p(y_i \\mid y_{<i}, x)$", ["p(y_i \\mid y_{<i}, x)"] },
        { "$O(n^2 \\cdot d)$ per layer", ["O(n^2 \\cdot d)"] },
        // Site macros and \newcommand
        { "$\\E[X] = \\mu$, $\\Var(X)$, $x \\in \\R^n$, $\\norm{w}_2$, $\\abs{x}$", ["\\E[X] = \\mu", "\\Var(X)", "x \\in \\R^n", "\\norm{w}_2", "\\abs{x}"] },
        { "$\\argmin_x f(x)$ and $\\KL(q \\| p)$", ["\\argmin_x f(x)", "\\KL(q \\| p)"] },
        { "$\\newcommand{\\loss}{\\mathcal{L}}\\loss_1$ then $\\loss_2$", ["\\newcommand{\\loss}{\\mathcal{L}}\\loss_1", "\\loss_2"] },
        { "$$\n\\newcommand{\\KL}{\\operatorname{KL}}\n$$\n\nThen $\\KL(p \\| q)$.", ["\\KL(p \\| q)"] },
        { "$\\def\\x{\\mathbf{x}}\\x$ and $\\x^\\top$", ["\\def\\x{\\mathbf{x}}\\x", "\\x^\\top"] },
        { "$\\newcommand{\\pr}[1]{p\\left(#1\\right)}\\pr{x}$ and $\\pr{y \\mid x}$", ["\\newcommand{\\pr}[1]{p\\left(#1\\right)}\\pr{x}", "\\pr{y \\mid x}"] },
        { "$\\renewcommand{\\R}{\\mathbf{R}}\\R$", ["\\renewcommand{\\R}{\\mathbf{R}}\\R"] },
        // Markdown characters inside math are math
        { "$a_1 * b_2$ and $c_3 * d_4$", ["a_1 * b_2", "c_3 * d_4"] },
        { "*emphasis with $x_i$ inside* and _$y_j$_", ["x_i", "y_j"] },
        { "$h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)$", ["h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)"] },
        { "$\\{x_1, \\dots, x_m\\}$ is a batch", ["\\{x_1, \\dots, x_m\\}"] },
        { "$a \\\\ b$ keeps both backslashes", ["a \\\\ b"] },
        { "$[x](y)$ is not a link", ["[x](y)"] },
        { "$\\text{costs \\$5}$", ["\\text{costs \\$5}"] },
        // Dollars that are not math
        { "It costs $5 and $10, while $x$ is math.", ["x"] },
        { "Escaped \\$ dollars \\$ stay, $y$ renders.", ["y"] },
        { "Use `$HOME` and `$x$` in code, $z$ outside.", ["z"] },
        // Math in other blocks
        { "## The $\\beta$-VAE objective", ["\\beta"] },
        { "- first $a$\n- second $b$\n  $$c$$", ["a", "b", "c"] },
        { "1. step $x_1$\n2. step $x_2$", ["x_1", "x_2"] },
        { "| model | loss |\n|---|---|\n| VAE | $-\\log p(x)$ |\n| GAN | $\\|D\\|$ |", ["-\\log p(x)", "\\|D\\|"] },
        { "> quoted $q$\n>\n> $$Q$$", ["q", "Q"] },
        { "Note[^1].\n\n[^1]: With $f(x)$ in it.", ["f(x)"] },
        { "Term\n: defined by $t^2$", ["t^2"] },
        { "- [x] proved $P = NP$", ["P = NP"] },
        { "- item\n\n  $$\n  \\int_0^1 f\n  $$", ["\\int_0^1 f"] },
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void RendersEachFormulaWithKatex(string markdown, string[] expected)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(Rendered.Errors(html));
        Assert.Empty(html.QuerySelectorAll(".math-mathjax"));
        Assert.Equal(expected, Rendered.KatexSources(html));
    }

    [Theory]
    [InlineData("It costs $5 and $10.", "It costs $5 and $10.")]
    [InlineData("From $5 to $ 10 and back $", "From $5 to $ 10 and back $")]
    [InlineData("Prices: $3.50, $4.", "Prices: $3.50, $4.")]
    [InlineData("A \\$ sign and $ alone", "A $ sign and $ alone")]
    [InlineData("US$5 vs $5", "US$5 vs $5")]
    public void DollarsThatAreNotMathStayText(string markdown, string text)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(html.QuerySelectorAll(".katex"));
        Assert.Equal(text, html.Body!.TextContent.Trim());
    }

    [Fact]
    public void DisplayBlocksAreWrappedAndInlineMathIsNot()
    {
        var html = Rendered.Html("Inline $a$ here.\n\n$$\nb\n$$");

        Assert.Single(html.QuerySelectorAll("p > .katex"));
        Assert.Single(html.QuerySelectorAll("div.math-display > .katex-display"));
    }

    [Theory]
    [InlineData("clipping every weight to $[-c, c]$: then", "[-c, c]", ":")]
    [InlineData("the gradient $\\nabla_\\theta J$.", "\\nabla_\\theta J", ".")]
    [InlineData("(see $x_i$), and", "x_i", "),")]
    [InlineData("so $W = |\\theta|$\u2026 and", "W = |\\theta|", "\u2026")]
    public void AShortFormulaKeepsThePunctuationAfterItOnItsLine(string markdown, string tex, string punctuation)
    {
        var html = Rendered.Html(markdown);

        // One unit that does not wrap: the formula, then exactly the punctuation that followed it.
        var tail = Assert.Single(html.QuerySelectorAll("p > span.math-tail"));
        Assert.Equal(2, tail.ChildNodes.Length);
        Assert.Equal(tex, tail.Children[0].QuerySelector("annotation")!.TextContent);
        Assert.Equal("katex", tail.Children[0].ClassName);
        Assert.Equal(punctuation, tail.ChildNodes[1].TextContent);
    }

    [Theory]
    [InlineData("a formula $x$ and words")] // nothing follows it but a space
    [InlineData("$$x$$.")] // display math stands on its own line anyway
    [InlineData("long $\\sum_{i=1}^{n} \\alpha_i \\beta_i \\gamma_i \\delta_i \\epsilon_i$.")] // may need breaks of its own
    [InlineData("`$x$`: code")] // no formula at all
    [InlineData("a typo $\\fraq{a}{b}$.")] // a failed formula shows its reason, which must wrap
    public void OtherFormulasAreNotTiedToWhatFollows(string markdown) =>
        Assert.Empty(Rendered.Html(markdown).QuerySelectorAll(".math-tail"));

    [Fact]
    public void DefinitionsPersistWithinADocumentButNotAcrossDocuments()
    {
        Assert.Empty(Rendered.Errors(Rendered.Html("$\\newcommand{\\foo}{x}\\foo$ then $\\foo$")));

        var other = Rendered.Html("$\\foo$");

        Assert.Contains("\\foo", Assert.Single(Rendered.Errors(other)));
    }

    [Fact]
    public void AFormulaOfDefinitionsOnlyShowsNothing()
    {
        var html = Rendered.Html("$$\n\\newcommand{\\KL}{\\operatorname{KL}}\n\\def\\x{x}\n$$\n\nText $\\KL$.");

        Assert.Empty(html.QuerySelectorAll(".math-display"));
        Assert.Single(html.QuerySelectorAll(".katex"));
    }
}
