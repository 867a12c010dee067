using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using ShortScience.Contracts;

namespace ShortScience.Core.Rendering.Html;

/// <summary>
/// The allow-lists. Markdown HTML is sanitized with math still replaced by placeholders; the math HTML is
/// inserted afterwards. KaTeX's output is inserted as it is (its links given the outside-link rel): KaTeX escapes
/// every character of the source, math.js trusts only \href and \url to http(s) addresses and fails a formula
/// using \includegraphics, the \html… commands or another scheme with a reason, and KaTeX emits only its own
/// classes and layout styles (the hostile-input tests check this on the final HTML). MathJax's MathML is sanitized here with a MathML-only list, since it is the rarely used path.
/// </summary>
public static partial class HtmlPolicy
{
    static readonly HtmlSanitizer Markdown = CreateMarkdownSanitizer();
    static readonly HtmlSanitizer MathMl = CreateMathMlSanitizer();

    public static string SanitizeMarkdown(string html) => Markdown.Sanitize(html);

    public static string SanitizeMathMl(string mathml) => MathMl.Sanitize(mathml);

    /// <summary>The rel of every link in user text that leads off the site.</summary>
    public const string OutsideLinkRel = "nofollow ugc noopener";

    static readonly AngleSharp.Html.Parser.HtmlParser FragmentParser = new();

    /// <summary>
    /// Links from \href and \url follow the site's rule for every link in user text: an http(s) address
    /// (<see cref="Checks.IsWebAddress"/>) gets <see cref="OutsideLinkRel"/>; anything else (math.js lets KaTeX through only
    /// http(s) and scheme-less addresses such as <c>www.example.org</c>) stays as its text without a link, in the
    /// visible HTML and in the MathML alike. Only formulas with a link are parsed.
    /// </summary>
    public static string FinishMathLinks(string html)
    {
        if (!html.Contains(" href=", StringComparison.Ordinal)) return html;
        var document = FragmentParser.ParseDocument("");
        var nodes = FragmentParser.ParseFragment(html, document.Body!);
        foreach (var node in nodes.OfType<AngleSharp.Dom.IElement>().ToList())
        {
            foreach (var element in node.QuerySelectorAll("[href]").Prepend(node).Where(e => e.HasAttribute("href")).ToList())
            {
                if (Checks.IsWebAddress(element.GetAttribute("href")))
                {
                    if (element.LocalName == "a") element.SetAttribute("rel", OutsideLinkRel);
                }
                else if (element.LocalName == "a")
                {
                    element.Replace([.. element.ChildNodes]);
                }
                else element.RemoveAttribute("href");
            }
        }
        return string.Concat(nodes.Select(n => n is AngleSharp.Dom.IElement e ? e.OuterHtml : System.Net.WebUtility.HtmlEncode(n.TextContent)));
    }

    static HtmlSanitizer CreateMarkdownSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "a", "blockquote", "br", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
                "h4", "h5", "h6", "hr", "img", "input", "ins", "li", "mark", "ol", "p", "pre", "span", "strong", "sub",
                "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "alt", "checked", "class", "colspan", "disabled", "href", "id", "rowspan", "src", "start", "title", "type",
            },
            AllowedClasses = new HashSet<string>
            {
                "citation", "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes",
                "footnote-ref", "footnote-back-ref", "align-left", "align-center", "align-right",
            },
            AllowedCssProperties = new HashSet<string>(),
            // data: stays out, images included: an image must be hosted somewhere, not pasted in as bytes. Relative
            // addresses survive sanitizing, but an image keeps only an http(s) source or one of the site's figures.
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        });
        sanitizer.RemovingCssClass += (_, e) => e.Cancel = LanguageClass().IsMatch(e.CssClass)
            || (e.Tag.LocalName == "span" && TokenClass().IsMatch(e.CssClass));
        // Markdig aligns table cells with style="text-align: …"; styles are not allowed, classes are.
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name == "style" && e.Tag.LocalName is "td" or "th" && TextAlign().Match(e.Attribute.Value) is { Success: true } m)
            {
                e.Tag.ClassList.Add("align-" + m.Groups[1].Value);
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element) Finish(element);
        };
        return sanitizer;
    }

    static void Finish(IElement element)
    {
        switch (element.LocalName)
        {
            case "a" when element.GetAttribute("href") is { } href && IsExternal(href):
                element.SetAttribute("rel", OutsideLinkRel);
                break;
            case "img" when FigureLinks.HashOf(element.GetAttribute("src")) is { } figure:
                // One of the site's own figures: the reading-column width, the full size on sharp screens and a click away.
                element.SetAttribute("src", FigureLinks.Url(figure, FigureLinks.Column));
                element.SetAttribute("srcset", $"{FigureLinks.Url(figure, FigureLinks.Column)} 1x, {FigureLinks.Url(figure)} 2x");
                element.SetAttribute("loading", "lazy");
                element.SetAttribute("decoding", "async");
                if (element.Closest("a") is null && element.Parent is { } parent)
                {
                    var link = element.Owner!.CreateElement("a");
                    link.SetAttribute("href", FigureLinks.Url(figure));
                    link.SetAttribute("class", "figure-link");
                    parent.ReplaceChild(link, element);
                    link.AppendChild(element);
                }
                break;
            case "img":
                if (element.GetAttribute("src") is { } src && IsHttp(src))
                {
                    element.SetAttribute("loading", "lazy");
                    element.SetAttribute("decoding", "async");
                }
                else
                {
                    // An image without an http(s) source shows its description instead.
                    element.Replace(element.Owner!.CreateTextNode(element.GetAttribute("alt") ?? ""));
                }
                break;
            case "input" when element.GetAttribute("type") != "checkbox":
                element.Remove();
                break;
            case "input":
                element.SetAttribute("disabled", "disabled");
                break;
        }
    }

    static bool IsHttp(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    static bool IsExternal(string url) => IsHttp(url) || url.StartsWith("//", StringComparison.Ordinal);

    static HtmlSanitizer CreateMathMlSanitizer() => new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "math", "semantics", "annotation", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msub", "msup",
            "msubsup", "munder", "mover", "munderover", "mfrac", "msqrt", "mroot", "mstyle", "merror", "mpadded",
            "mphantom", "mtable", "mtr", "mtd", "mlabeledtr", "mmultiscripts", "mprescripts", "none",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "xmlns", "display", "mathvariant", "mathsize", "mathcolor", "mathbackground", "displaystyle", "scriptlevel",
            "stretchy", "fence", "separator", "accent", "accentunder", "lspace", "rspace", "width", "height", "depth",
            "voffset", "linethickness", "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines",
            "rowlines", "frame", "framespacing", "minsize", "maxsize", "movablelimits", "largeop", "symmetric", "form",
            "encoding", "rowspan", "columnspan", "notation",
        },
        AllowedCssProperties = new HashSet<string>(),
        AllowedSchemes = new HashSet<string>(),
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
    });

    [GeneratedRegex(@"^language-[A-Za-z0-9_+#.\-]{1,40}$")]
    private static partial Regex LanguageClass();

    /// <summary>The highlighter's token classes (Syntax/CodeHighlighter.cs).</summary>
    [GeneratedRegex(@"^tok-[a-z0-9\-]{1,40}$")]
    private static partial Regex TokenClass();

    [GeneratedRegex(@"text-align:\s*(left|center|right)")]
    private static partial Regex TextAlign();
}
