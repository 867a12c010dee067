using ShortScience.Contracts;
using ShortScience.Core.Text;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>Whitespace and markup clean-up shared by every metadata source.</summary>
public static partial class TextCleaner
{
    /// <summary>
    /// One line of text (<see cref="Visible.OneLine"/>: runs of white space and control characters, line breaks of
    /// wrapped titles included, become one space; no direction overrides), composed (NFC).
    /// </summary>
    public static string Clean(string text) => Visible.OneLine(text).NormalizeSafely(NormalizationForm.FormC);

    /// <summary>Plain text from the little HTML/JATS that Crossref and DataCite put in titles and abstracts.</summary>
    public static string StripTags(string html)
    {
        // Block ends become spaces so paragraphs do not run together.
        var text = BlockEnd().Replace(html, " ");
        text = Tag().Replace(text, "");
        return Clean(WebUtility.HtmlDecode(text));
    }

    [GeneratedRegex(@"</(?:jats:)?(?:p|title|sec|div|li)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
