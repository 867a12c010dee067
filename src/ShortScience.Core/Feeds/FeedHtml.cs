using System.Text;

namespace ShortScience.Core.Feeds;

/// <summary>
/// Stored summary HTML made fit for a feed reader: math as MathML only, every link absolute, nothing XML forbids.
/// </summary>
/// <remarks>
/// KaTeX writes each formula twice: MathML for assistive technology and a visual HTML copy that only looks right
/// with KaTeX's stylesheet and fonts, which feed readers do not load. Readers render MathML natively, so the visual
/// copy (<c>.katex-html</c>) is dropped. Readers resolve relative links against the feed's URL, so site paths and
/// fragments are made absolute.
/// </remarks>
public static class FeedHtml
{
    const string VisualMath = "<span class=\"katex-html\"";

    /// <param name="siteUrl">The public site, without a trailing slash: "https://shortscience.example".</param>
    /// <param name="pageUrl">The entry's own page, which fragment links (footnotes) point into.</param>
    public static string Prepare(string html, string siteUrl, string pageUrl)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var output = new StringBuilder(html.Length + 256);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                output.Append(html, i, html.Length - i);
                break;
            }
            output.Append(html, i, lt - i);
            if (string.CompareOrdinal(html, lt, VisualMath, 0, VisualMath.Length) == 0)
            {
                i = AfterSpan(html, lt);
                continue;
            }
            var gt = html.IndexOf('>', lt);
            if (gt < 0)
            {
                output.Append(html, lt, html.Length - lt);
                break;
            }
            AppendTag(output, html.AsSpan(lt, gt - lt + 1), siteUrl, pageUrl);
            i = gt + 1;
        }
        return XmlChars.Clean(output.ToString());
    }

    /// <summary>The index just past the &lt;/span&gt; that closes the span opening at <paramref name="start"/>.</summary>
    static int AfterSpan(string html, int start)
    {
        var depth = 0;
        var i = start;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0) return html.Length;
            if (string.CompareOrdinal(html, lt, "</span>", 0, 7) == 0)
            {
                i = lt + 7;
                if (--depth == 0) return i;
                continue;
            }
            if (string.CompareOrdinal(html, lt, "<span", 0, 5) == 0 && lt + 5 < html.Length && html[lt + 5] is ' ' or '>')
            {
                depth++;
            }
            i = lt + 1;
        }
        return html.Length;
    }

    static void AppendTag(StringBuilder output, ReadOnlySpan<char> tag, string siteUrl, string pageUrl)
    {
        // A figure's srcset lists site paths: each becomes absolute, like src and href below.
        var srcset = tag.IndexOf(" srcset=\"", StringComparison.Ordinal);
        if (srcset >= 0)
        {
            var start = srcset + 9;
            var end = tag[start..].IndexOf('"');
            if (end >= 0)
            {
                var candidates = tag.Slice(start, end).ToString().Split(", ")
                    .Select(c => c.StartsWith('/') && !c.StartsWith("//", StringComparison.Ordinal) ? siteUrl + c : c);
                tag = string.Concat(tag[..start], string.Join(", ", candidates), tag[(start + end)..]).AsSpan();
            }
        }
        while (true)
        {
            var at = NextUrlAttribute(tag, out var valueStart);
            if (at < 0)
            {
                output.Append(tag);
                return;
            }
            output.Append(tag[..valueStart]);
            var rest = tag[valueStart..];
            var end = rest.IndexOf('"');
            if (end < 0)
            {
                output.Append(rest);
                return;
            }
            output.Append(Escape(Absolute(System.Net.WebUtility.HtmlDecode(rest[..end].ToString()), siteUrl, pageUrl)));
            tag = rest[end..];
        }
    }

    /// <summary>
    /// A link as a feed reader needs it: absolute (readers resolve relative links against the feed, not the page),
    /// and only http(s) or mailto; anything else points at the entry's page.
    /// </summary>
    public static string Absolute(string url, string siteUrl, string pageUrl)
    {
        var u = url.Trim();
        // A fragment replaces the page's own (a comment's address ends in #comment-8; its footnote is #fn:1 of the page).
        if (u.StartsWith('#')) return (pageUrl.IndexOf('#') is var hash and >= 0 ? pageUrl[..hash] : pageUrl) + u;
        if (Uri.TryCreate(u, UriKind.Absolute, out var absolute) && !u.StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" or "mailto" ? absolute.AbsoluteUri : pageUrl;
        }
        var site = siteUrl + "/";
        var @base = Uri.TryCreate(pageUrl, UriKind.Absolute, out var page) ? page : new Uri(site);
        if (u.StartsWith('/') && !u.StartsWith("//")) @base = new Uri(site);
        return Uri.TryCreate(@base, u, out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : pageUrl;
    }

    /// <summary>Text made safe to put into HTML (element content or a double-quoted attribute).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Position of the next href="…" or src="…" in a tag, and where its value starts.</summary>
    static int NextUrlAttribute(ReadOnlySpan<char> tag, out int valueStart)
    {
        var href = tag.IndexOf(" href=\"", StringComparison.Ordinal);
        var src = tag.IndexOf(" src=\"", StringComparison.Ordinal);
        if (href < 0 && src < 0)
        {
            valueStart = -1;
            return -1;
        }
        if (href >= 0 && (src < 0 || href < src))
        {
            valueStart = href + 7;
            return href;
        }
        valueStart = src + 6;
        return src;
    }
}
