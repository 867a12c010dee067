using Microsoft.ClearScript;
using Microsoft.ClearScript.V8;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// One V8 engine with KaTeX (and MathJax once a formula needs it). Single-threaded: the pool hands it to one
/// render at a time. An engine that was interrupted or ran out of memory is disposed, never reused.
/// </summary>
sealed class MathEngine : IDisposable
{
    // A soft heap limit ClearScript enforces by interrupting the script, far below V8's hard limit (which
    // would end the process); a stack limit so deep recursion is a RangeError, not a crash.
    const ulong HeapLimit = 256UL * 1024 * 1024;
    const ulong StackLimit = 512UL * 1024;

    const string Warmup = """
        [["\\frac{a_i}{\\sqrt{b}} + \\sum_{k=1}^n \\mathbb{E}[x_k^2] \\le \\left( \\int f \\right)", true],
         ["\\begin{align} x &= \\operatorname{softmax}(\\hat{y}) \\\\ y &= \\mathcal{L} \\end{align}", true]]
        """;

    readonly V8ScriptEngine _engine;
    readonly ScriptObject _renderDocument;
    ScriptObject? _renderWithMathJax;

    public MathEngine()
    {
        _engine = new V8ScriptEngine(V8ScriptEngineFlags.None)
        {
            MaxRuntimeHeapSize = (UIntPtr)HeapLimit,
            MaxRuntimeStackUsage = (UIntPtr)StackLimit,
        };
        try
        {
            MathScript.Katex.RunIn(_engine);
            MathScript.Bridge.RunIn(_engine);
            _renderDocument = (ScriptObject)_engine.Evaluate("renderDocument");
            // V8 compiles functions on first use: one representative formula now keeps that cost out of
            // the first real render (it is part of starting the engine).
            Call(_renderDocument, Warmup);
        }
        catch
        {
            _engine.Dispose();
            throw;
        }
    }

    /// <summary>False after an interrupt or a resource violation.</summary>
    public bool Healthy { get; private set; } = true;

    public string RenderDocument(string json) => Call(_renderDocument, json);

    /// <summary>Loads MathJax (once per engine, about 0.1 s): only documents KaTeX cannot fully render need it.</summary>
    public bool LoadMathJax()
    {
        if (_renderWithMathJax is not null) return false;
        MathScript.MathJax.RunIn(_engine);
        _renderWithMathJax = (ScriptObject)_engine.Evaluate("renderWithMathJax");
        return true;
    }

    public string RenderWithMathJax(string json) =>
        Call(_renderWithMathJax ?? throw new InvalidOperationException("MathJax is not loaded."), json);

    /// <summary>Stops the script running now, from another thread (the render's timer).</summary>
    public void Interrupt()
    {
        Healthy = false;
        _engine.Interrupt();
    }

    public long HeapSize => (long)_engine.GetRuntimeHeapInfo().TotalHeapSize;

    string Call(ScriptObject function, string json)
    {
        try
        {
            return (string)function.Invoke(false, json);
        }
        catch (ScriptInterruptedException)
        {
            Healthy = false;
            throw;
        }
        catch (ScriptEngineException)
        {
            // The bridge catches every error of KaTeX and MathJax; what reaches here is the engine itself
            // (heap limit, stack limit outside a try): do not trust its state again.
            Healthy = false;
            throw;
        }
    }

    public void Dispose() => _engine.Dispose();
}
