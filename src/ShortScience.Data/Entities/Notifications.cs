using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Notification
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid? ActorId { get; set; }
    public long? SummaryId { get; set; }
    public long? CommentId { get; set; }

    /// <summary>The question (and answer) a Q&amp;A notification is about: it leaves the inbox while they are gone.</summary>
    public long? QuestionId { get; set; }
    public long? AnswerId { get; set; }
    public string Text { get; set; } = "";
    public string Url { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }
}
