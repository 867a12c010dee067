using Microsoft.ClearScript;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// Where formulas are rendered: V8 engines in this process (<see cref="LocalMath"/>) or in a math worker process
/// (<see cref="MathWorkerClient"/>). Both take a batch of formulas as JSON and answer KaTeX's (or MathJax's) results as
/// JSON; each call is independent of the one before, so any engine may take it.
/// </summary>
interface IMathBackend : IDisposable
{
    /// <summary>KaTeX over a batch: <c>[[tex, display], …]</c> → <c>[{k, h, e, p}, …]</c>.</summary>
    string RenderDocument(string json, Deadline deadline);

    /// <summary>MathJax (TeX → MathML) over the formulas KaTeX refused: <c>[[tex, display, definitions], …]</c>.</summary>
    string RenderWithMathJax(string json, Deadline deadline);

    /// <summary>Engines (or worker processes) started so far, for tests and measurements.</summary>
    int Created { get; }
}

/// <summary>Engines in this process, from a small pool; a call into V8 is interrupted when the render's time is up.</summary>
sealed class LocalMath(MathEnginePool pool) : IMathBackend
{
    public int Created => pool.Created;

    public string RenderDocument(string json, Deadline deadline) =>
        Run(deadline, engine => Timed(engine, deadline, () => engine.RenderDocument(json)));

    public string RenderWithMathJax(string json, Deadline deadline) => Run(deadline, engine =>
    {
        deadline.Excluding(engine.LoadMathJax);
        return Timed(engine, deadline, () => engine.RenderWithMathJax(json));
    });

    string Run(Deadline deadline, Func<MathEngine, string> call)
    {
        var engine = pool.Rent(deadline);
        try
        {
            return call(engine);
        }
        finally
        {
            pool.Return(engine);
        }
    }

    static string Timed(MathEngine engine, Deadline deadline, Func<string> call)
    {
        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero) throw deadline.TooSlow();
        try
        {
            using var timer = new CancellationTokenSource(remaining);
            using var interrupt = timer.Token.Register(engine.Interrupt);
            return call();
        }
        catch (ScriptInterruptedException e)
        {
            throw deadline.Remaining <= TimeSpan.Zero ? deadline.TooSlow(e)
                : new RenderRefusedException(RefusalReason.TooComplex, "The formulas need more memory than a render may use.", e);
        }
        catch (ScriptEngineException e)
        {
            throw new RenderRefusedException(RefusalReason.TooComplex, "The formulas are too complex to render.", e);
        }
    }

    public void Dispose() => pool.Dispose();
}
