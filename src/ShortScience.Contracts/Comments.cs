namespace ShortScience.Contracts;

/// <summary>
/// A comment with its replies (one level). A deleted or hidden comment that has replies stays as a
/// placeholder (empty <see cref="Html"/>, no author) so the thread still reads. <see cref="Markdown"/> is sent
/// only to the comment's author, for editing.
/// </summary>
public sealed record CommentView(
    long Id, long SummaryId, long? ParentId, UserRef? Author, string Html, ContentStatus Status, int Score,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Edited, bool IsMine, int MyVote, IReadOnlyList<CommentView> Replies,
    string? Markdown = null);

/// <summary>
/// How a comment written by the anonymous author of the summary it is under names its writer to everyone but that
/// writer and moderators: no user name (so no profile link), as the anonymous summary itself shows no name.
/// </summary>
public static class AnonymousAuthor
{
    public const string DisplayName = "Anonymous (author)";
    public static readonly UserRef Ref = new("", DisplayName);
}

public sealed record CommentRequest(string Markdown, long? ParentId = null) : IValidatable
{
    public const string NeedsText = "A comment needs some text.";

    public void Validate(Checks checks)
    {
        if (Visible.IsBlank(Markdown)) checks.Add("markdown", CommentRequest.NeedsText);
        checks.LongText("markdown", Markdown, Limits.CommentChars, "a comment");
    }
}

public sealed record CommentEdit(string Markdown) : IValidatable
{
    public void Validate(Checks checks)
    {
        if (Visible.IsBlank(Markdown)) checks.Add("markdown", CommentRequest.NeedsText);
        checks.LongText("markdown", Markdown, Limits.CommentChars, "a comment");
    }
}

/// <summary>Where a comment lives, for permalinks.</summary>
public sealed record CommentLocation(long Id, long SummaryId, string PaperKey, string Url);

public sealed record CommentRevisionView(int Number, string Markdown, string Html, DateTimeOffset CreatedAt);

public sealed record UserCommentItem(long Id, long SummaryId, string PaperKey, string PaperTitle, string Html, int Score, DateTimeOffset CreatedAt);
