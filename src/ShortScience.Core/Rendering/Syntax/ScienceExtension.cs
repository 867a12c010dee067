using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>Math and citations for Markdig, and the one pipeline the site renders with.</summary>
public sealed class ScienceExtension : IMarkdownExtension
{
    /// <summary>
    /// CommonMark plus the extensions summaries use; raw HTML off. Built once: Markdig pipelines are
    /// immutable and thread-safe.
    /// </summary>
    public static MarkdownPipeline BuildPipeline() => new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseAutoLinks()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseDefinitionLists()
        .Use<ScienceExtension>()
        .DisableHtml()
        .Build();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<TexBlockParser>())
        {
            // Before paragraphs (and before the list and quote parsers do not matter: they own other characters).
            pipeline.BlockParsers.InsertBefore<ParagraphBlockParser>(new TexBlockParser());
        }
        if (!pipeline.InlineParsers.Contains<BackslashInlineParser>())
        {
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new BackslashInlineParser());
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new TexInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, Markdig.Renderers.IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<TexBlockRenderer>())
        {
            html.ObjectRenderers.Insert(0, new TexBlockRenderer());
            html.ObjectRenderers.Insert(0, new TexInlineRenderer());
            html.ObjectRenderers.Insert(0, new CitationRenderer());
            html.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightingCodeBlockRenderer());
        }
    }
}
