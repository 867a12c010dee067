using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Comment
{
    public long Id { get; set; }
    public long SummaryId { get; set; }
    public Summary Summary { get; set; } = null!;

    /// <summary>The thread's top comment for a reply; replies are one level deep.</summary>
    public long? ParentId { get; set; }
    public Comment? Parent { get; set; }
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public string PlainText { get; set; } = "";
    public int RendererVersion { get; set; }
    public ContentStatus Status { get; set; }
    public string? ModerationReason { get; set; }
    public int Score { get; set; }
    public int Upvotes { get; set; }
    public int Downvotes { get; set; }
    public int RevisionCount { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Comment> Replies { get; set; } = [];
    public List<CommentRevision> Revisions { get; set; } = [];
}

public sealed class CommentRevision
{
    public long Id { get; set; }
    public long CommentId { get; set; }
    public Comment Comment { get; set; } = null!;
    public int Number { get; set; }
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public int RendererVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
