using ShortScience.Core.Text;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>Whitespace and markup clean-up shared by every metadata source.</summary>
public static partial class TextCleaner
{
    /// <summary>Collapses runs of whitespace (line breaks of wrapped titles included) and trims.</summary>
    public static string Clean(string text) =>
        Whitespace().Replace(text.Replace('\u00A0', ' '), " ").Trim().NormalizeSafely(NormalizationForm.FormC);

    /// <summary>Plain text from the little HTML/JATS that Crossref and DataCite put in titles and abstracts.</summary>
    public static string StripTags(string html)
    {
        // Block ends become spaces so paragraphs do not run together.
        var text = BlockEnd().Replace(html, " ");
        text = Tag().Replace(text, "");
        return Clean(WebUtility.HtmlDecode(text));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"</(?:jats:)?(?:p|title|sec|div|li)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
