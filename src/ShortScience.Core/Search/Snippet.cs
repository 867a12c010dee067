using System.Net;
using System.Text;

namespace ShortScience.Core.Search;

/// <summary>
/// ts_headline marks matches with two control characters that stored text does not contain; everything is
/// HTML-escaped, then those marks become &lt;mark&gt; tags, so a snippet carries no other markup.
/// </summary>
public static class Snippet
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    public static string ToHtml(string? headline)
    {
        if (string.IsNullOrEmpty(headline)) return "";
        var html = new StringBuilder(headline.Length + 32);
        var text = new StringBuilder();
        var open = false;
        foreach (var ch in headline)
        {
            if (ch is not (Start or Stop)) { text.Append(ch); continue; }
            html.Append(WebUtility.HtmlEncode(text.ToString()));
            text.Clear();
            if (ch == Start && !open) html.Append("<mark>");
            else if (ch == Stop && open) html.Append("</mark>");
            open = ch == Start || (open && ch != Stop);
        }
        html.Append(WebUtility.HtmlEncode(text.ToString()));
        if (open) html.Append("</mark>");
        return html.ToString();
    }
}
