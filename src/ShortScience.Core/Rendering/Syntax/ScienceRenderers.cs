using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace ShortScience.Core.Rendering.Syntax;

// In HTML mode math becomes its placeholder, filled in after sanitizing; in text mode (plain text, heading
// ids, image alt text) it is its TeX source.

sealed class TexInlineRenderer : HtmlObjectRenderer<TexInline>
{
    protected override void Write(HtmlRenderer renderer, TexInline math)
    {
        if (renderer.EnableHtmlForInline && math.Placeholder is not null) renderer.Write(math.Placeholder);
        else renderer.WriteText(math.Tex);
    }
}

sealed class TexBlockRenderer : HtmlObjectRenderer<TexBlock>
{
    protected override void Write(HtmlRenderer renderer, TexBlock math)
    {
        renderer.EnsureLine();
        if (renderer.EnableHtmlForBlock && math.Placeholder is not null) renderer.WriteLine(math.Placeholder);
        else if (!math.RendersEmpty) renderer.WriteText(math.Tex).WriteLine();
    }
}

static class TextWriting
{
    // Markdig's WriteEscape drops '&' when escaping is off (plain text); TeX needs it.
    public static HtmlRenderer WriteText(this HtmlRenderer renderer, string text) =>
        renderer.EnableHtmlEscape ? renderer.WriteEscape(text) : renderer.Write(text);
}

sealed class CitationRenderer : HtmlObjectRenderer<CitationInline>
{
    protected override void Write(HtmlRenderer renderer, CitationInline citation)
    {
        var html = renderer.EnableHtmlForInline;
        renderer.Write(html ? "<span class=\"citation\">[" : "[");
        for (var i = 0; i < citation.Links.Count; i++)
        {
            if (i > 0) renderer.Write("; ");
            var (href, text) = citation.Links[i];
            if (html) renderer.Write("<a href=\"").WriteEscapeUrl(href).Write("\">");
            renderer.WriteText(text);
            if (html) renderer.Write("</a>");
        }
        renderer.Write(html ? "]</span>" : "]");
    }
}
