namespace ShortScience.Contracts;

/// <summary>Paths of the site's pages, the same for the API (mail, feeds, notifications) and the Web host.</summary>
public static class Links
{
    /// <summary>
    /// A path segment's value as it was meant: ASP.NET Core decodes a segment but leaves an encoded slash (%2F) as it
    /// is, so the tag "I/O", linked as /tags/I%2FO, arrives as "I%2FO".
    /// </summary>
    public static string SegmentValue(string routeValue) =>
        routeValue.Contains('%') ? routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : routeValue;

    /// <summary>The endings of a listing's downloads (<c>/tags/gans.bib</c>, <c>.ris</c>, <c>.json</c>).</summary>
    public static readonly string[] DownloadEndings = [".bib", ".ris", ".json"];

    /// <summary>
    /// A keyword as a tag with a page of its own: "schema.json" would name the download of the tag "schema", so the dot
    /// of such an ending becomes a space ("schema json").
    /// </summary>
    public static string Tag(string keyword)
    {
        foreach (var ending in DownloadEndings)
        {
            if (keyword.Length > ending.Length && keyword.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
                return string.Concat(keyword.AsSpan(0, keyword.Length - ending.Length), " ", keyword.AsSpan(keyword.Length - ending.Length + 1));
        }
        return keyword;
    }

    public static string Paper(string key) => $"/papers/{key}";

    public static string Summary(string paperKey, long summaryId) => $"/papers/{paperKey}/summaries/{summaryId}";

    public static string Comment(string paperKey, long summaryId, long commentId) => $"{Summary(paperKey, summaryId)}#comment-{commentId}";

    public static string Question(string paperKey, long questionId) => $"{Paper(paperKey)}#question-{questionId}";

    public static string Answer(string paperKey, long answerId) => $"{Paper(paperKey)}#answer-{answerId}";

    /// <summary>The site-wide list of questions; <c>?unanswered=true</c> for those still waiting.</summary>
    public const string Questions = "/questions";
}
