using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Flag
{
    public long Id { get; set; }
    public Guid ReporterId { get; set; }
    public FlagTarget TargetType { get; set; }

    /// <summary>The summary or comment id, or the paper's key.</summary>
    public string TargetId { get; set; } = "";
    public string Reason { get; set; } = "";
    public FlagStatus Status { get; set; }
    public Guid? ResolvedById { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Append-only audit log of every moderator action.</summary>
public sealed class ModerationAction
{
    public long Id { get; set; }
    public Guid ModeratorId { get; set; }

    /// <summary>hide, restore, dismiss, ban, unban, merge-venue, apply-edit …</summary>
    public string Action { get; set; } = "";
    public string TargetType { get; set; } = "";
    public string TargetId { get; set; } = "";
    public string? Reason { get; set; }
    public long? FlagId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
