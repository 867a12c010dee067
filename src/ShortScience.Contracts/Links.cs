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

    public static string Paper(string key) => $"/papers/{key}";

    public static string Summary(string paperKey, long summaryId) => $"/papers/{paperKey}/summaries/{summaryId}";

    public static string Comment(string paperKey, long summaryId, long commentId) => $"{Summary(paperKey, summaryId)}#comment-{commentId}";

    public static string Question(string paperKey, long questionId) => $"{Paper(paperKey)}#question-{questionId}";

    public static string Answer(string paperKey, long answerId) => $"{Paper(paperKey)}#answer-{answerId}";

    /// <summary>The site-wide list of questions; <c>?unanswered=true</c> for those still waiting.</summary>
    public const string Questions = "/questions";
}
