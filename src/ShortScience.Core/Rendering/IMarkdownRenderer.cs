using ShortScience.Contracts;
namespace ShortScience.Core.Rendering;

/// <summary>Turns user Markdown (with LaTeX math) into safe, finished HTML. Thread-safe.</summary>
public interface IMarkdownRenderer
{
    /// <summary>Bumped whenever output for the same input may change; older stored HTML is re-rendered.</summary>
    int Version { get; }

    /// <summary>Renders a summary or comment.</summary>
    /// <param name="context">The papers the text's \cite ids resolve to; unknown ids link by id.</param>
    /// <exception cref="RenderRefusedException">The text is too long, too slow or too deeply nested to render.</exception>
    RenderedText Render(string markdown, RenderContext? context = null);

    /// <summary>
    /// Renders plain text whose only markup is math (a paper's abstract): formulas become KaTeX HTML, everything
    /// else is HTML-encoded text (no Markdown, no raw HTML). See <see cref="MathText"/>.
    /// </summary>
    /// <exception cref="RenderRefusedException">The text is too long or its math too slow to render.</exception>
    string RenderMathText(string text);
}

/// <param name="Html">Sanitized HTML of the whole text.</param>
/// <param name="ExcerptHtml">The first paragraphs, for listings.</param>
/// <param name="PlainText">Text without markup, for search and feed fallbacks.</param>
public sealed record RenderedText(string Html, string ExcerptHtml, string PlainText, int RendererVersion)
{
    /// <summary>
    /// True when the page would show nothing of it: no visible character in its text (math counts as its TeX, a figure
    /// as its alt text) and no image. An empty heading, a rule, a link with no text or a zero-width entity are such texts.
    /// </summary>
    public bool ShowsNothing => Visible.IsBlank(PlainText) && !Html.Contains("<img", StringComparison.Ordinal);
}
