using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Xunit;

namespace ShortScience.Testing;

/// <summary>
/// What "inert" means for rendered HTML, checked on the parsed output: no active elements, no event handlers,
/// only http(s), relative or fragment URLs, styles only inside KaTeX and only KaTeX's layout properties, and
/// only classes the renderer itself emits.
/// </summary>
public static class HtmlSafety
{
    static readonly HashSet<string> ActiveElements =
    [
        "script", "iframe", "object", "embed", "form", "style", "link", "meta", "base", "frame", "frameset", "applet",
        "textarea", "button", "select", "option", "template", "noscript", "foreignobject", "animate", "set", "use",
        "video", "audio", "source", "portal", "dialog",
    ];

    // What KaTeX writes in style attributes: box sizes, offsets, spacing, \color and \colorbox.
    static readonly HashSet<string> KatexStyleProperties =
    [
        "height", "width", "min-width", "max-width", "vertical-align", "top", "bottom", "left", "right", "position",
        "margin-left", "margin-right", "margin-top", "margin-bottom", "padding-left", "padding-right", "padding-top",
        "padding-bottom", "color", "background-color", "border-color", "border-style", "border-width",
        "border-top-width", "border-bottom-width", "border-left-width", "border-right-width", "border-bottom-style",
    ];

    static readonly HashSet<string> OwnClasses =
    [
        "citation", "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref",
        "footnote-back-ref", "align-left", "align-center", "align-right", "math-display", "math-mathjax", "math-error",
        "math-error-message", "math-tail",
    ];

    static readonly string[] UrlAttributes = ["href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "background", "cite", "data", "ping"];

    static readonly HtmlParser Parser = new();

    public static void AssertInert(string html)
    {
        var document = Parser.ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            var name = element.LocalName.ToLowerInvariant();
            Fail(ActiveElements.Contains(name), () => $"<{name}> in output: {Describe(element)}");
            if (name == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Ok(element.HasAttribute("disabled"), () => "enabled input");
            }
            foreach (var attribute in element.Attributes)
            {
                var attr = attribute.Name.ToLowerInvariant();
                Fail(attr.StartsWith("on", StringComparison.Ordinal), () => $"event handler {attr}: {Describe(element)}");
                Fail(attr is "srcdoc" or "formaction" or "action" or "target" or "form", () => $"attribute {attr}: {Describe(element)}");
                if (UrlAttributes.Contains(attr)) AssertSafeUrl(attribute.Value, element);
                if (attr == "style") AssertKatexStyle(element, attribute.Value);
            }
            foreach (var css in element.ClassList)
            {
                // language-…: a code block's language; tok-…: the server's syntax highlighting, on spans only.
                Ok(OwnClasses.Contains(css) || css.StartsWith("language-", StringComparison.Ordinal) || InsideKatex(element)
                    || (name == "span" && css.StartsWith("tok-", StringComparison.Ordinal)),
                    () => $"class {css} outside KaTeX: {Describe(element)}");
            }
        }
    }

    static void AssertSafeUrl(string value, IElement element)
    {
        // Browsers ignore tabs, newlines and leading control characters in URLs: judge what they would see.
        var url = new string(value.Where(c => !char.IsControl(c) && c != ' ').ToArray());
        if (url.StartsWith('#') || url.StartsWith('/') && !url.StartsWith("/\\", StringComparison.Ordinal)) return;
        var colon = url.IndexOf(':');
        var slash = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return;
        var scheme = url[..colon].ToLowerInvariant();
        Ok(scheme is "http" or "https", () => $"URL with scheme {scheme}: {Describe(element)}");
    }

    static void AssertKatexStyle(IElement element, string style)
    {
        Ok(InsideKatex(element) && element.LocalName is "span" or "svg", () => $"style outside KaTeX: {Describe(element)}");
        foreach (var declaration in style.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = declaration.Split(':', 2, StringSplitOptions.TrimEntries);
            Ok(parts.Length == 2 && KatexStyleProperties.Contains(parts[0].ToLowerInvariant()), () => $"style {declaration}: {Describe(element)}");
            var value = parts[1].ToLowerInvariant();
            Fail(value.Contains("url(") || value.Contains("expression") || value.Contains("javascript") || value.Contains('\\'),
                () => $"style value {value}: {Describe(element)}");
        }
    }

    static bool InsideKatex(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.ClassList.Contains("katex") || e.ClassList.Contains("katex-display")) return true;
        }
        return false;
    }

    static void Ok(bool condition, Func<string> message)
    {
        if (!condition) Assert.Fail(message());
    }

    static void Fail(bool condition, Func<string> message) => Ok(!condition, message);

    static string Describe(IElement element) => element.OuterHtml.Length > 300 ? element.OuterHtml[..300] + "…" : element.OuterHtml;
}
