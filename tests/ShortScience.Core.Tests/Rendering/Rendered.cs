using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ShortScience.Core.Rendering;

namespace ShortScience.Core.Tests.Rendering;

/// <summary>One renderer for every test (engines are costly to start), and the output parsed for assertions.</summary>
public static class Rendered
{
    public static MarkdownRenderer Renderer { get; } = new(new RendererOptions { EnginePoolSize = 2, Timeout = TimeSpan.FromSeconds(10) });

    static readonly HtmlParser Parser = new();

    public static RenderedText Text(string markdown, RenderContext? context = null) => Renderer.Render(markdown, context);

    public static IDocument Html(string markdown, RenderContext? context = null) => Parse(Text(markdown, context).Html);

    public static IDocument Parse(string html) => Parser.ParseDocument("<!doctype html><html><body>" + html);

    /// <summary>The TeX source of every formula KaTeX rendered, in order (KaTeX keeps it in a MathML annotation).</summary>
    public static List<string> KatexSources(IDocument document) =>
        document.QuerySelectorAll(".katex annotation").Select(a => a.TextContent).ToList();

    public static List<string> Errors(IDocument document) =>
        document.QuerySelectorAll(".math-error").Select(e => e.TextContent).ToList();
}
