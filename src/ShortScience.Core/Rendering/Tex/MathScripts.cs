using Microsoft.ClearScript;
using Microsoft.ClearScript.V8;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// The JavaScript the math engines run, embedded in this assembly at build time (KaTeX from node_modules, the
/// MathJax bundle made by `npm ci`, and our bridge). Each script is compiled by V8 once; the code cache that
/// compile produces lets every further engine skip parsing.
/// </summary>
sealed class MathScript(string name)
{
    public static readonly MathScript Katex = new("katex.min.js");
    public static readonly MathScript Bridge = new("math.js");
    public static readonly MathScript MathJax = new("mathjax.js");

    readonly Lazy<string> _code = new(() => Load(name));
    byte[]? _cache;

    public void RunIn(V8ScriptEngine engine)
    {
        var info = new DocumentInfo(name);
        var cache = Volatile.Read(ref _cache);
        V8Script script;
        if (cache is null)
        {
            script = engine.Compile(info, _code.Value, V8CacheKind.Code, out byte[] produced);
            Volatile.Write(ref _cache, produced);
        }
        else
        {
            script = engine.Compile(info, _code.Value, V8CacheKind.Code, cache, out bool _);
        }
        using (script) engine.Execute(script);
    }

    static string Load(string name)
    {
        using var stream = typeof(MathScript).Assembly.GetManifestResourceStream("ShortScience.Math." + name)
            ?? throw new InvalidOperationException($"Math script {name} is not embedded; run `npm ci` at the repository root and rebuild.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
