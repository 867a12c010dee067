namespace ShortScience.Contracts;

/// <summary>The paper a citing text is about.</summary>
public sealed record CitingPaper(string Key, string Title);

/// <summary>
/// A shown summary, comment, question or answer that cites a paper (<c>\cite{…}</c>): its kind ("summary",
/// "comment", "question", "answer"), the paper it is about, where it is read, and its author when named.
/// </summary>
public sealed record CitingText(string Kind, long Id, CitingPaper Paper, string Url, string? Author, DateTimeOffset At);
