namespace ShortScience.Core.Rendering;

/// <summary>Turns user Markdown (with LaTeX math) into safe, finished HTML. Thread-safe.</summary>
public interface IMarkdownRenderer
{
    /// <summary>Bumped whenever output for the same input may change; older stored HTML is re-rendered.</summary>
    int Version { get; }

    RenderedText Render(string markdown);
}

/// <param name="Html">Sanitized HTML of the whole text.</param>
/// <param name="ExcerptHtml">The first paragraphs, for listings.</param>
/// <param name="PlainText">Text without markup, for search and feed fallbacks.</param>
public sealed record RenderedText(string Html, string ExcerptHtml, string PlainText, int RendererVersion);
