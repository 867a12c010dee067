using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ShortScience.Benchmarks;
using ShortScience.Core.Rendering;

if (args.Contains("--memory"))
{
    EngineMemory.Report();
    return;
}

// In-process: BenchmarkDotNet's generated project would not build under the repository's central package versions.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(30))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(RenderingBenchmarks).Assembly).Run(args, config);

/// <summary>What one V8 engine costs: process memory before and after engines start (`-- --memory`).</summary>
static class EngineMemory
{
    public static void Report()
    {
        Console.WriteLine($"summary: {Samples.Summary.Length} chars, no-math text: {Samples.Prose10K.Length} chars");
        using var first = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });
        first.Render("warm up *Markdown* and the sanitizer");
        var baseline = Measure("before any engine");
        var start = Stopwatch.StartNew();
        first.Render(Samples.Summary);
        Console.WriteLine($"first engine start (V8, KaTeX compiled, warm-up formula) and render: {start.ElapsedMilliseconds} ms");
        var one = Measure("one engine (KaTeX)");
        first.Render("$\\begin{multline}a\\\\b\\end{multline}$");
        var mathJax = Measure("same engine with MathJax loaded");
        using var second = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });
        second.Render(Samples.Summary);
        var two = Measure("two engines");
        Console.WriteLine($"per engine: {(one - baseline) / 1e6:0} MB with KaTeX, +{(mathJax - one) / 1e6:0} MB once MathJax is loaded; second engine +{(two - mathJax) / 1e6:0} MB");
        var clock = Stopwatch.StartNew();
        using var third = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });
        third.Render("$x$");
        Console.WriteLine($"engine start (with script cache) and first render: {clock.ElapsedMilliseconds} ms");
    }

    static long Measure(string label)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"{label}: RSS {process.WorkingSet64 / 1e6:0} MB, managed {GC.GetTotalMemory(true) / 1e6:0} MB");
        return process.WorkingSet64;
    }
}
