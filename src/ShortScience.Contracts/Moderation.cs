using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record FlagRequest(string TargetType, string TargetId, string Reason);

public sealed record FlagView(
    long Id, string TargetType, string TargetId, string Reason, FlagStatus Status, UserRef? Reporter, DateTimeOffset CreatedAt,
    string? TargetTitle, string? TargetExcerpt, string? TargetUrl, UserRef? TargetAuthor, string? TargetStatus, int OpenFlagsOnTarget);

public sealed record FlagResolution(string? Reason);

public sealed record ModerationLogEntry(long Id, UserRef? Moderator, string Action, string TargetType, string TargetId, string? Reason, DateTimeOffset CreatedAt);

public sealed record BanRequest(string Reason);

public sealed record ModerationRequest(string Reason);

/// <summary>A report: waiting for a moderator, dismissed, or acted on.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FlagStatus>))]
public enum FlagStatus { Open = 0, Dismissed = 1, Actioned = 2 }

/// <summary>What a report or a moderation action is about.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FlagTarget>))]
public enum FlagTarget { Summary = 0, Comment = 1, Paper = 2 }
