using System.Text.RegularExpressions;

namespace ShortScience.Contracts;

/// <summary>The paper a citing text is about.</summary>
public sealed record CitingPaper(string Key, string Title);

/// <summary>
/// A shown summary, comment, question or answer that cites a paper (<c>\cite{…}</c>): its kind ("summary",
/// "comment", "question", "answer"), the paper it is about, where it is read, and its author when named (user name,
/// and the name they go by).
/// </summary>
public sealed record CitingText(string Kind, long Id, CitingPaper Paper, string Url, string? Author, DateTimeOffset At, string? AuthorName = null);

/// <summary>
/// The shapes of what goes inside <c>\cite{…}</c>, shared by the renderer (which links them) and the add form (which
/// takes a cited key as the new paper's alias), so the two cannot disagree on what a key is.
/// </summary>
public static partial class CitationShapes
{
    /// <summary>New-style (1406.2661, 1406.2661v3) and old-style (hep-th/9901001, math.GT/0309136) arXiv ids; group 1 without the version.</summary>
    [GeneratedRegex(@"^((?:\d{4}\.\d{4,5})|(?:[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{7}))(?:v\d+)?$", RegexOptions.IgnoreCase)]
    public static partial Regex ArxivId();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    public static partial Regex Doi();

    /// <summary>Letters and digits of any script first (an imported entry's key, Müller2020, is a paper's alias), at most 200 characters.</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}\p{M}_:./+\-]{0,199}$")]
    public static partial Regex Key();

    /// <summary>A key that names no arXiv id or DOI (those are looked up as such, written plainly or with arxiv:/doi:).</summary>
    public static bool IsOtherKey(string text) =>
        Key().IsMatch(text) && !text.Contains("://", StringComparison.Ordinal)
        && !text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("doi:", StringComparison.OrdinalIgnoreCase)
        && !ArxivId().IsMatch(text) && !Doi().IsMatch(text);
}
