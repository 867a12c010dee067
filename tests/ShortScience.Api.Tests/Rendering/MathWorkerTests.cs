using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ShortScience.Api.Rendering;
using ShortScience.Contracts;
using ShortScience.Core.Rendering;
using ShortScience.Core.Rendering.Tex;

namespace ShortScience.Api.Tests.Rendering;

/// <summary>
/// Formulas rendered by the math worker (this API's executable started with <c>math-worker</c>, as the API starts
/// it): the same HTML as in-process engines, the same limits, and a worker that comes back after it dies.
/// </summary>
public sealed class MathWorkerTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    const string Document = """
        Inline $\frac{a_i}{\sqrt{b}}$ and $\mathbb{E}[x^2]$, a macro $\newcommand{\R}{\mathbb{R}}$ then $x \in \R$.

        $$\begin{align} x &= \operatorname{softmax}(\hat{y}) \\ y &= \mathcal{L} \end{align}$$

        KaTeX cannot: $\begin{array}{c} a \\ b \end{array}\unknownmacro$; MathJax can: $\require{cancel}\bcancel{x}$.
        """;

    static MarkdownRenderer InWorker(RendererOptions? options = null) =>
        new(options ?? new RendererOptions { EnginePoolSize = 2 }, RenderingServices.MathWorkerCommand(NullLogger.Instance));

    [Fact]
    public void TheWorkerRendersExactlyWhatEnginesInTheProcessRender()
    {
        using var local = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });
        using var worker = InWorker();

        var expected = local.Render(Document).Html;
        var actual = worker.Render(Document).Html;

        Assert.Contains("class=\"katex\"", actual);
        Assert.Equal(expected, actual);
        Assert.Equal(local.RenderMathText("Abstract with $\\alpha + \\beta$ math."), worker.RenderMathText("Abstract with $\\alpha + \\beta$ math."));
        Assert.NotNull(worker.MathWorkerProcessId);
        Assert.NotEqual(Environment.ProcessId, worker.MathWorkerProcessId);
    }

    [Fact]
    public void CallsFromManyThreadsEachGetTheirOwnAnswer()
    {
        using var worker = InWorker();
        var results = new ConcurrentDictionary<int, string>();

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = worker.Render($"Item {i}: $x_{{{i}}} + y^{{{i}}}$").Html);

        foreach (var (i, html) in results)
        {
            Assert.Contains($"x_{{{i}}} + y^{{{i}}}</annotation>", html);
            Assert.Contains($"Item {i}:", html);
        }
        Assert.Equal(1, worker.EnginesCreated);
    }

    [Fact]
    public void ARenderOverTheTimeLimitIsRefusedAndTheSameWorkerRendersTheNext()
    {
        using var worker = InWorker(new RendererOptions { EnginePoolSize = 1, Timeout = TimeSpan.FromMilliseconds(300) });
        worker.Render("$x$");
        var process = worker.MathWorkerProcessId;
        var slow = string.Concat(Enumerable.Range(0, 2_500).Select(i => $"$\\sum_{{k={i}}}^n \\frac{{a_k}}{{b_k}}$ "));

        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<RenderRefusedException>(() => worker.Render(slow));

        Assert.Equal(RefusalReason.TooSlow, refused.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Contains("y</annotation>", worker.Render("$y$").Html);
        Assert.Equal(process, worker.MathWorkerProcessId);
    }

    [Fact]
    public void AWorkerThatDiesIsReplacedAtTheNextFormula()
    {
        using var worker = InWorker();
        worker.Render("$x$");
        using var first = Process.GetProcessById(worker.MathWorkerProcessId!.Value);

        first.Kill();
        first.WaitForExit();

        Assert.Contains("z</annotation>", RenderSoon(worker, "$z$"));
        Assert.NotEqual(first.Id, worker.MathWorkerProcessId);
        Assert.Equal(2, worker.EnginesCreated);
    }

    [Fact]
    public void DisposingTheRendererEndsItsWorker()
    {
        var worker = InWorker();
        worker.Render("$x$");
        using var process = Process.GetProcessById(worker.MathWorkerProcessId!.Value);

        worker.Dispose();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the worker is still running");
    }

    [Fact]
    public void AWorkerThatCannotStartLeavesMathRenderingInTheProcess()
    {
        var log = new ConcurrentQueue<string>();
        using var renderer = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 },
            new MathWorkerStart("/nonexistent/shortscience-math-worker", ["math-worker"], log.Enqueue));
        using var local = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1 });

        var html = renderer.Render(Document).Html;

        Assert.Equal(local.Render(Document).Html, html);
        Assert.Null(renderer.MathWorkerProcessId);
        Assert.Equal(0, renderer.EnginesCreated);
        Assert.Contains(log, line => line.Contains("could not start", StringComparison.Ordinal));
        // Not tried again for every formula: one attempt, then this process renders until the retry time.
        renderer.Render("$y$");
        Assert.Single(log, line => line.Contains("could not start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApiRendersMathInItsWorker()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/render", new RenderRequest("$\\int_0^1 f$"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"katex\"", (await response.Content.ReadFromJsonAsync<RenderResponse>())!.Html);
        var renderer = (MarkdownRenderer)app.Services.GetRequiredService<IMarkdownRenderer>();
        Assert.NotNull(renderer.MathWorkerProcessId);
    }

    /// <summary>A render right after the worker died may find its pipe closing: that one is refused as "try again".</summary>
    static string RenderSoon(MarkdownRenderer renderer, string markdown)
    {
        try
        {
            return renderer.Render(markdown).Html;
        }
        catch (RenderRefusedException e) when (e.Reason == RefusalReason.Busy)
        {
            return renderer.Render(markdown).Html;
        }
    }
}
