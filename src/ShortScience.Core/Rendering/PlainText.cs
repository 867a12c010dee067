using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace ShortScience.Core.Rendering;

/// <summary>The text of a document without markup, math as its TeX source: for search, feeds and descriptions.</summary>
static class PlainText
{
    public static string From(MarkdownDocument document, MarkdownPipeline pipeline)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Tidy(writer.ToString());
    }

    /// <summary>Trims each line and keeps at most one empty line between blocks.</summary>
    static string Tidy(string text)
    {
        var result = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                blank++;
                continue;
            }
            if (result.Length > 0) result.Append(blank > 0 ? "\n\n" : "\n");
            result.Append(line);
            blank = 0;
        }
        return result.ToString();
    }
}
