using System.Diagnostics;
using ShortScience.Core.Rendering;

namespace ShortScience.Core.Tests.Rendering;

/// <summary>Nothing a person types can hang a request: each input renders or is refused, quickly.</summary>
public sealed class LimitTests
{
    [Fact]
    public void TextsOverTheLengthLimitAreRefused()
    {
        var refused = Assert.Throws<RenderRefusedException>(() => Rendered.Text(new string('a', 100_001)));

        Assert.Equal(RefusalReason.TooLong, refused.Reason);
        Assert.Contains("100,000", refused.Message);
    }

    [Fact]
    public void TextsAtTheLengthLimitRender() => Assert.NotEmpty(Rendered.Text(new string('a', 100_000)).Html);

    public static TheoryData<string, string> Pathological => new()
    {
        { "deep quotes", new string('>', 10_000) + " deep" },
        { "deep lists", string.Concat(Enumerable.Repeat("- ", 2_000)) + "x" },
        { "open brackets", new string('[', 10_000) + "x" },
        { "brackets and parens", string.Concat(Enumerable.Repeat("[(", 5_000)) },
        { "emphasis runs", string.Concat(Enumerable.Repeat("*a _b ", 8_000)) },
        { "backticks", string.Concat(Enumerable.Repeat("`a ``b ", 8_000)) },
        { "huge table", "| a | b | c |\n|---|---|---|\n" + string.Concat(Enumerable.Range(0, 6_000).Select(i => $"| {i} | x | y |\n"))[..95_000] },
        { "wide table", "|" + string.Concat(Enumerable.Repeat(" a |", 5_000)) + "\n|" + string.Concat(Enumerable.Repeat("---|", 5_000)) },
        { "def loop", "$\\def\\a{\\a}\\a$ and $$\\def\\b{\\b\\b}\\b$$" },
        { "exponential macros", "$\\def\\a{xx}\\def\\b{\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c}\\def\\e{\\d\\d\\d\\d}\\def\\f{\\e\\e\\e\\e}\\f\\f\\f\\f$" },
        { "nested braces", "$" + new string('{', 5_000) + "x" + new string('}', 5_000) + "$" },
        { "nested fractions", "$" + string.Concat(Enumerable.Repeat("\\frac{1}{", 2_000)) + "x" + new string('}', 2_000) + "$" },
        { "unclosed environments", "$$\n" + string.Concat(Enumerable.Repeat("\\begin{pmatrix}", 3_000)) + "\n$$" },
        { "many formulas", string.Concat(Enumerable.Range(0, 3_000).Select(i => $"$x_{{{i}}}$ ")) },
        { "many failing formulas", string.Concat(Enumerable.Repeat("$\\begin{multline}a\\\\b\\end{multline}$ ", 300)) },
        { "many dollars", string.Concat(Enumerable.Repeat("$ ", 40_000)) },
        { "many cites", string.Concat(Enumerable.Repeat("\\cite{1406.2661} ", 5_000)) },
        { "long line", new string('x', 99_000) },
        { "link references", string.Concat(Enumerable.Range(0, 3_000).Select(i => $"[r{i}]: https://example.org/{i}\n")) },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalInputEndsQuickly(string name, string markdown)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            HtmlSafety.AssertInert(Rendered.Text(markdown).Html);
        }
        catch (RenderRefusedException refused)
        {
            Assert.True(refused.Reason is RefusalReason.TooComplex or RefusalReason.TooSlow, $"{name}: {refused.Reason}");
        }
        // The test renderer allows 10 s; the real one 2 s. Either way the request ends.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{name} took {clock.Elapsed}");
    }

    /// <summary>A formula nested past the engine's stack says so in words, not in V8's ("Maximum call stack size exceeded").</summary>
    [Fact]
    public void AFormulaNestedTooDeeplySaysSo()
    {
        var html = Rendered.Html("Before $" + new string('{', 5_000) + "x" + new string('}', 5_000) + "$ after.");

        var message = Assert.Single(html.QuerySelectorAll(".math-error-message")).TextContent;
        Assert.Contains("nested too deeply", message);
        Assert.DoesNotContain("call stack", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("after.", html.Body!.TextContent);
    }

    [Fact]
    public void ARenderOverTheTimeLimitIsInterruptedAndTheRendererStillWorks()
    {
        Rendered.Text("$x$ and *text*: the process's code is compiled, so only the time limit is tested");
        using var renderer = new MarkdownRenderer(new RendererOptions { Timeout = TimeSpan.FromMilliseconds(300), EnginePoolSize = 1 });
        renderer.Render("$x$");
        var slow = string.Concat(Enumerable.Range(0, 2_500).Select(i => $"$\\sum_{{k={i}}}^n \\frac{{a_k}}{{b_k}}$ "));

        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<RenderRefusedException>(() => renderer.Render(slow));

        // TooSlow is the proof that the clock stopped it (uninterrupted, this text renders in ~1.5 s on a quiet machine,
        // far past 300 ms); the bound only says the request ends, with room for a machine busy with other work.
        Assert.Equal(RefusalReason.TooSlow, refused.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Single(Rendered.KatexSources(Rendered.Parse(renderer.Render("$y$").Html)));
    }

    [Fact]
    public void EnginesAreCreatedLazilyAndReused()
    {
        using var renderer = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 2 });
        renderer.Render("No math here.");
        Assert.Equal(0, renderer.EnginesCreated);

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => renderer.Render($"$x_{i}$"));

        Assert.InRange(renderer.EnginesCreated, 1, 2);
    }
}
