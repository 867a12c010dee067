using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ColorCode;
using ColorCode.Compilation;
using ColorCode.Parsing;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>
/// Fenced code with a language ColorCode knows (```python, ```csharp, ```cpp …) highlighted on the server: each token a
/// <c>span class="tok-…"</c> (keyword, string, comment …) that rendered.css colours; no script in the browser.
/// Anything else renders as Markdig renders it.
/// </summary>
sealed class HighlightingCodeBlockRenderer : CodeBlockRenderer
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        if (renderer.EnableHtmlForBlock && block is FencedCodeBlock { Info: { Length: > 0 } info }
            && CodeHighlighter.Highlight(block.Lines.ToString(), info) is { } html)
        {
            renderer.EnsureLine();
            renderer.Write("<pre><code class=\"language-").WriteEscape(info.ToLowerInvariant()).Write("\">");
            renderer.Write(html);
            renderer.WriteLine("</code></pre>");
            return;
        }
        base.Write(renderer, block);
    }
}

/// <summary>ColorCode's scopes (nested captures of its language rules) as escaped text inside class spans.</summary>
sealed class CodeHighlighter() : CodeColorizerBase(null!, Parser)
{
    const int MaxChars = 50_000;
    static readonly LanguageParser Parser = new(new TimedLanguageCompiler(), new KnownLanguages());
    readonly StringBuilder _html = new();

    /// <summary>The code's HTML, or null when the language is not one ColorCode knows or its rules take too long.</summary>
    public static string? Highlight(string code, string language)
    {
        if (code.Length > MaxChars || Languages.FindById(Alias(language.Trim().ToLowerInvariant())) is not { } found) return null;
        var highlighter = new CodeHighlighter();
        try
        {
            highlighter.languageParser.Parse(code, found, highlighter.Write);
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // shown as plain code
        }
        return highlighter._html.ToString();
    }

    /// <summary>
    /// ColorCode 2.0.15 compiles its rules without a match timeout, and some backtrack exponentially on ordinary
    /// text (its JSON string rule on a 40-character string runs for days): each language's regex is compiled again
    /// with one, so a pathological block costs at most <see cref="MatchTimeout"/> per match and then renders plain.
    /// </summary>
    /// <summary>The languages ColorCode ships (for rules that embed another language, e.g. script in HTML).</summary>
    sealed class KnownLanguages : ColorCode.Common.ILanguageRepository
    {
        public IEnumerable<ILanguage> All => Languages.All;

        public ILanguage FindById(string languageId) => Languages.FindById(languageId);

        public void Load(ILanguage language) => throw new NotSupportedException();
    }

    sealed class TimedLanguageCompiler : ILanguageCompiler
    {
        static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
        readonly LanguageCompiler _inner = new(new Dictionary<string, CompiledLanguage>(), new ReaderWriterLockSlim());
        readonly ConcurrentDictionary<string, CompiledLanguage> _compiled = new();

        public CompiledLanguage Compile(ILanguage language) => _compiled.GetOrAdd(language.Id, _ =>
        {
            CompiledLanguage plain;
            lock (_inner) plain = _inner.Compile(language);
            return new CompiledLanguage(plain.Id, plain.Name, new Regex(plain.Regex.ToString(), plain.Regex.Options, MatchTimeout), plain.Captures);
        });
    }

    static string Alias(string language) => language switch
    {
        "c#" or "cs" => "c#",
        "py" => "python",
        "js" => "javascript",
        "ts" => "typescript",
        "c++" or "c" or "cc" or "h" => "cpp",
        "ps1" or "pwsh" => "powershell",
        "m" => "matlab",
        "hs" => "haskell",
        _ => language,
    };

    protected override void Write(string parsedSourceCode, IList<Scope> scopes)
    {
        var at = 0;
        foreach (var scope in scopes.OrderBy(s => s.Index)) at = WriteScope(parsedSourceCode, scope, at);
        Text(parsedSourceCode, at, parsedSourceCode.Length);
    }

    int WriteScope(string code, Scope scope, int at)
    {
        if (scope.Index < at) return at; // overlapping captures: the first one wins
        Text(code, at, scope.Index);
        _html.Append("<span class=\"tok-").Append(ClassOf(scope.Name)).Append("\">");
        var inner = scope.Index;
        foreach (var child in scope.Children.OrderBy(c => c.Index)) inner = WriteScope(code, child, inner);
        var end = Math.Min(code.Length, scope.Index + scope.Length);
        Text(code, inner, end);
        _html.Append("</span>");
        return Math.Max(end, inner);
    }

    void Text(string code, int from, int to)
    {
        if (to > from) _html.Append(WebUtility.HtmlEncode(code[from..to]));
    }

    /// <summary>"Html Tag Delimiter" → "html-tag-delimiter".</summary>
    static string ClassOf(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant()) result.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return result.ToString();
    }
}
