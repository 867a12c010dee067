using System.Security.Cryptography;
using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using ShortScience.Core.Rendering.Html;
using ShortScience.Core.Rendering.Syntax;
using ShortScience.Core.Rendering.Tex;

namespace ShortScience.Core.Rendering;

/// <summary>
/// Markdown with LaTeX math to sanitized HTML: Markdig parses, the document's formulas go to KaTeX (MathJax
/// as fallback) in one call (to V8 here or in a math worker process), the Markdown HTML is sanitized with placeholders where math goes, then the
/// math HTML takes the placeholders' places. One instance per process; thread-safe.
/// </summary>
public sealed class MarkdownRenderer : IMarkdownRenderer, IDisposable
{
    static readonly MarkdownPipeline Pipeline = ScienceExtension.BuildPipeline();

    readonly RendererOptions _options;
    readonly IMathBackend _math;
    readonly FormulaRenderer _formulas;

    public MarkdownRenderer() : this(new RendererOptions()) { }

    /// <param name="worker">Render formulas in a math worker process started this way; null renders them in this process.</param>
    public MarkdownRenderer(RendererOptions options, MathWorkerStart? worker = null)
    {
        _options = options;
        var engines = Math.Max(1, options.EnginePoolSize);
        _math = worker is null ? new LocalMath(new MathEnginePool(engines)) : new MathWorkerClient(worker, engines);
        _formulas = new FormulaRenderer(_math, new FormulaCache(options.FormulaCacheChars));
        // The first render in a process compiles Markdig's and the sanitizer's code; doing it here keeps that
        // one-off cost out of the first real render's time limit. No math, so no engine starts.
        Render(WarmUp, RenderContext.Empty, new Deadline(TimeSpan.FromMinutes(1)));
    }

    const string WarmUp = "# A\n\n*b* **c** [d](https://example.org) `e` \\cite{1406.2661}\n\n- [x] f\n\n| g | h |\n|--:|---|\n| 1 | 2 |\n\ni[^1]\n\n[^1]: j";

    /// <summary>
    /// Bumped whenever the same Markdown would render differently; stored texts of an older version are re-rendered in
    /// the background at start. 2: KaTeX/MathJax math, citations, sanitizer allow-list, AST excerpts. 3: display math
    /// scrolls by keyboard (tabindex on wide formulas). 4: code blocks highlighted (tok-… spans).
    /// 5: citations of papers not here link to arXiv, doi.org or "add this paper", never to a missing page.
    /// 6: citations written as doi.org or arxiv.org addresses, escaped DOIs, arXiv ids with a subject class
    /// (math.GT/0309136) and lists broken over lines find their papers. 7: citation keys in any script (Müller2020).
    /// 8: \href and \url in math link to http(s) addresses; other schemes and the commands the site does not allow in
    /// math (\includegraphics, \html…) fail the formula with a reason instead of showing their name in red.
    /// 9: a short inline formula and the punctuation right after it stay on one line (<c>span.math-tail</c>).
    /// </summary>
    public int Version => 9;

    /// <summary>Engines created so far, each with its own V8 heap (with a math worker: worker processes started).</summary>
    public int EnginesCreated => _math.Created;

    /// <summary>The math worker's process id while one runs (null without a worker, or before the first formula).</summary>
    public int? MathWorkerProcessId => (_math as MathWorkerClient)?.ProcessId;

    public RenderedText Render(string markdown, RenderContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > _options.MaxInputLength)
        {
            throw new RenderRefusedException(RefusalReason.TooLong,
                $"The text has {markdown.Length:N0} characters; at most {_options.MaxInputLength:N0} can be rendered.");
        }
        try
        {
            return Render(markdown, context ?? RenderContext.Empty, new Deadline(_options.Timeout));
        }
        catch (ArgumentException e) when (e.Message.Contains("depth limit", StringComparison.Ordinal))
        {
            // Markdig's nesting limit, met while parsing or rendering: a thousand nested quotes, lists or
            // brackets is never a summary.
            throw new RenderRefusedException(RefusalReason.TooComplex, "The text nests too deeply to render.", e);
        }
    }

    public string RenderMathText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > _options.MaxInputLength)
        {
            throw new RenderRefusedException(RefusalReason.TooLong,
                $"The text has {text.Length:N0} characters; at most {_options.MaxInputLength:N0} can be rendered.");
        }
        var deadline = new Deadline(_options.Timeout);
        return MathText.Render(text, formulas => _formulas.Render(formulas, deadline));
    }

    RenderedText Render(string markdown, RenderContext context, Deadline deadline)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        deadline.ThrowIfExpired();

        var placeholder = "ssmath" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var (formulas, blocks) = Prepare(document, context, placeholder);
        var math = _formulas.Render(formulas, deadline);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i] is { } block) block.RendersEmpty = math[i].Length == 0;
        }

        var html = Finish(ToHtml([document]), placeholder, math, formulas);
        var plain = PlainText.From(document, Pipeline);
        var excerpt = Finish(ToHtml(Excerpt.Select(document)), placeholder, math, formulas);
        deadline.ThrowIfExpired();
        return new RenderedText(html, excerpt, plain, Version);
    }

    /// <summary>Numbers the formulas in document order and resolves the citations.</summary>
    static (List<Formula> Formulas, TexBlock?[] Blocks) Prepare(MarkdownDocument document, RenderContext context, string placeholder)
    {
        var formulas = new List<Formula>();
        var blocks = new List<TexBlock?>();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case TexInline inline:
                    inline.Placeholder = $"{placeholder}i{formulas.Count}z";
                    formulas.Add(new Formula(inline.Tex, inline.Display, Block: false));
                    blocks.Add(null);
                    break;
                case TexBlock block:
                    block.Placeholder = $"{placeholder}i{formulas.Count}z";
                    formulas.Add(new Formula(block.Tex.Trim(), Display: true, Block: true,
                        block.Closed ? null : $"the display math is not closed (no {block.Closing} before a blank line or the end)"));
                    blocks.Add(block);
                    break;
                case CitationInline citation:
                    citation.Links = citation.Ids.Select(id => Citations.Link(id, context)).ToList();
                    break;
            }
        }
        return (formulas, blocks.ToArray());
    }

    static string ToHtml(IEnumerable<MarkdownObject> blocks)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        foreach (var block in blocks) renderer.Render(block);
        writer.Flush();
        return writer.ToString();
    }

    // Inline formulas up to this long (TeX source) are kept on one line with the punctuation that follows them. Chromium
    // breaks a line between a formula's last box and a following colon or full stop, leaving the punctuation alone at
    // the start of the next line (a word joiner does not stop it); such a formula and its punctuation go in a span
    // that does not wrap. A longer formula may need its own line breaks on a narrow screen, so it keeps them.
    const int MaxJoinedTex = 40;

    const string InlineError = "<span class=\"math-error\"";

    // A formula that failed shows its source and the reason, which must be free to wrap.
    static bool Joinable(Formula formula, string html) => !formula.Display && !formula.Block && formula.Tex.Length <= MaxJoinedTex
        && !html.StartsWith(InlineError, StringComparison.Ordinal);

    static bool ClosesAfterMath(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '%' or '\''
        or '"' or '\u2019' or '\u201D' or '\u2026';

    /// <summary>
    /// Sanitizes, then puts each formula's HTML where its placeholder survived; a short inline formula directly followed
    /// by punctuation is wrapped with it in <c>span.math-tail</c> (see <see cref="MaxJoinedTex"/>).
    /// </summary>
    static string Finish(string html, string placeholder, string[] math, List<Formula> formulas)
    {
        var safe = HtmlPolicy.SanitizeMarkdown(html);
        if (math.Length == 0) return safe;
        // Not presized: a builder grows in small chunks, one presized for all the math would be a large-object allocation.
        var result = new StringBuilder();
        var at = 0;
        for (var i = safe.IndexOf(placeholder, StringComparison.Ordinal); i >= 0; i = safe.IndexOf(placeholder, at, StringComparison.Ordinal))
        {
            var digits = i + placeholder.Length + 1;
            var end = safe.IndexOf('z', digits);
            var n = int.Parse(safe.AsSpan(digits, end - digits), CultureInfo.InvariantCulture);
            result.Append(safe, at, i - at);
            at = end + 1;
            var tail = 0;
            var join = Joinable(formulas[n], math[n]);
            while (join && tail < 3 && at + tail < safe.Length && ClosesAfterMath(safe[at + tail])) tail++;
            if (tail == 0) result.Append(math[n]);
            else
            {
                result.Append("<span class=\"math-tail\">").Append(math[n]).Append(safe, at, tail).Append("</span>");
                at += tail;
            }
        }
        return result.Append(safe, at, safe.Length - at).ToString();
    }

    public void Dispose() => _math.Dispose();
}
