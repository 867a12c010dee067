using Ganss.Xss;
using Markdig;

namespace ShortScience.Core.Rendering;

/// <summary>Markdig + HtmlSanitizer. One instance per process: the pipeline and sanitizer are built once.</summary>
public sealed class MarkdownRenderer : IMarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = new();

    public int Version => 1;

    public RenderedText Render(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        var html = _sanitizer.Sanitize(document.ToHtml(_pipeline));
        var plain = Markdown.ToPlainText(markdown, _pipeline).Trim();
        return new RenderedText(html, Excerpt.FromHtml(html), plain, Version);
    }
}
