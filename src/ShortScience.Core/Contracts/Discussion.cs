namespace ShortScience.Core.Contracts;

/// <summary>
/// A comment with its replies (one level). A deleted or hidden comment that has replies stays as a
/// placeholder (empty <see cref="Html"/>, no author) so the thread still reads. <see cref="Markdown"/> is sent
/// only to the comment's author, for editing.
/// </summary>
public sealed record CommentView(
    long Id, long SummaryId, long? ParentId, UserRef? Author, string Html, string Status, int Score,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Edited, bool IsMine, int MyVote, IReadOnlyList<CommentView> Replies,
    string? Markdown = null);

public sealed record CommentRequest(string Markdown, long? ParentId = null);

public sealed record CommentEdit(string Markdown);

/// <summary>Where a comment lives, for permalinks.</summary>
public sealed record CommentLocation(long Id, long SummaryId, string PaperKey, string Url);

public sealed record CommentRevisionView(int Number, string Markdown, string Html, DateTimeOffset CreatedAt);

public sealed record VoteRequest(int Value);

public sealed record VoteResult(string TargetType, long TargetId, int Score, int MyVote);

public sealed record FlagRequest(string TargetType, string TargetId, string Reason);

public sealed record NotificationView(long Id, string Kind, string Text, string Url, DateTimeOffset CreatedAt, bool Read);

public sealed record UnreadCount(int Count);

public sealed record MarkReadRequest(IReadOnlyList<long>? Ids);

public sealed record FlagView(
    long Id, string TargetType, string TargetId, string Reason, string Status, UserRef? Reporter, DateTimeOffset CreatedAt,
    string? TargetTitle, string? TargetExcerpt, string? TargetUrl, UserRef? TargetAuthor, string? TargetStatus, int OpenFlagsOnTarget);

public sealed record FlagResolution(string? Reason);

public sealed record ModerationLogEntry(long Id, UserRef? Moderator, string Action, string TargetType, string TargetId, string? Reason, DateTimeOffset CreatedAt);

public sealed record BanRequest(string Reason);

public sealed record UserCommentItem(long Id, long SummaryId, string PaperKey, string PaperTitle, string Html, int Score, DateTimeOffset CreatedAt);
