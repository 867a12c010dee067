using AngleSharp.Html.Parser;

namespace ShortScience.Web.Tests.Security;

/// <summary>
/// Whole-page checks for pages showing hostile content: the only scripts are the site's own files (or JSON-LD
/// data), no element carries an event handler, and no link or source uses a script-capable scheme.
/// </summary>
public static class PageSafety
{
    static readonly HtmlParser Parser = new();
    static readonly string[] Active = ["iframe", "object", "embed", "frame", "applet", "base", "meta[http-equiv]"];

    public static List<string> Problems(string html)
    {
        var problems = new List<string>();
        var document = Parser.ParseDocument(html);
        foreach (var script in document.Scripts)
        {
            var src = script.GetAttribute("src");
            var isData = script.GetAttribute("type") == "application/ld+json";
            if (isData) continue;
            if (src is null || !src.StartsWith('/')) problems.Add($"script: {Cut(script.OuterHtml)}");
        }
        foreach (var selector in Active)
        {
            foreach (var element in document.QuerySelectorAll(selector))
            {
                if (selector == "base" && element.GetAttribute("href") == "/" && element.ParentElement?.LocalName == "head") continue;
                if (selector.StartsWith("meta", StringComparison.Ordinal) && element.ParentElement?.LocalName == "head" && element.GetAttribute("http-equiv") is null) continue;
                problems.Add($"{selector}: {Cut(element.OuterHtml)}");
            }
        }
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal)) problems.Add($"{name} on {Cut(element.OuterHtml)}");
                if (name is "href" or "src" or "action" or "formaction" or "xlink:href" or "srcdoc" && Dangerous(attribute.Value))
                {
                    problems.Add($"{name}={Cut(attribute.Value)} on <{element.LocalName}>");
                }
            }
        }
        return problems;
    }

    static bool Dangerous(string url)
    {
        var cleaned = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return cleaned.StartsWith("javascript:", StringComparison.Ordinal) || cleaned.StartsWith("vbscript:", StringComparison.Ordinal)
            || cleaned.StartsWith("data:text", StringComparison.Ordinal) || cleaned.StartsWith("livescript:", StringComparison.Ordinal);
    }

    static string Cut(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
