using BenchmarkDotNet.Attributes;
using ShortScience.Core.Rendering;

namespace ShortScience.Benchmarks;

/// <summary>Warm renders: engines started and code compiled before measuring (the setup renders once).</summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    MarkdownRenderer _cached = null!;
    MarkdownRenderer _uncached = null!;
    string _formulasOnly = "";

    [GlobalSetup]
    public void Setup()
    {
        _cached = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });
        _uncached = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1, FormulaCacheChars = 0 });
        _formulasOnly = string.Join("\n\n", Samples.Formulas);
        foreach (var renderer in new[] { _cached, _uncached })
        {
            for (var i = 0; i < 20; i++) renderer.Render(Samples.Summary);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cached.Dispose();
        _uncached.Dispose();
    }

    /// <summary>The 10 KB summary with 20 formulas, as saving or re-rendering a known text does (formula cache warm).</summary>
    [Benchmark(Baseline = true)]
    public RenderedText Summary10KWith20Formulas() => _cached.Render(Samples.Summary);

    /// <summary>The same, every formula through KaTeX (cache off): a text whose formulas the process has not seen.</summary>
    [Benchmark]
    public RenderedText Summary10KWith20FormulasUncached() => _uncached.Render(Samples.Summary);

    /// <summary>Markdown, sanitizing, excerpt and plain text for 10 KB without math.</summary>
    [Benchmark]
    public RenderedText Markdown10KNoMath() => _uncached.Render(Samples.Prose10K);

    /// <summary>KaTeX's cost per formula: the 20 formulas alone, cache off, divided by 20.</summary>
    [Benchmark(OperationsPerInvoke = 20)]
    public RenderedText PerFormulaKatex() => _uncached.Render(_formulasOnly);
}
