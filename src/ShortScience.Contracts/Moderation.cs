using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record FlagRequest(string TargetType, string TargetId, string Reason) : IValidatable
{
    public void Validate(Checks checks)
    {
        checks.Text("targetType", TargetType, 20, "the kind of content").Text("targetId", TargetId, Limits.PaperKeyChars, "the content's id");
        if (Visible.IsBlank(Reason) || Reason.Length > Limits.ReportReasonChars)
        {
            checks.Add("reason", $"Say what is wrong (up to {Limits.ReportReasonChars:N0} characters).");
        }
    }
}

public sealed record FlagView(
    long Id, string TargetType, string TargetId, string Reason, FlagStatus Status, UserRef? Reporter, DateTimeOffset CreatedAt,
    string? TargetTitle, string? TargetExcerpt, string? TargetUrl, UserRef? TargetAuthor, string? TargetStatus, int OpenFlagsOnTarget);

public sealed record FlagResolution(string? Reason) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("reason", Reason, Limits.ModerationReasonChars, "a reason");
}

public sealed record ModerationLogEntry(long Id, UserRef? Moderator, string Action, string TargetType, string TargetId, string? Reason, DateTimeOffset CreatedAt);

public sealed record BanRequest(string Reason) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("reason", Reason, Limits.ModerationReasonChars, "a reason");
}

public sealed record ModerationRequest(string Reason) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("reason", Reason, Limits.ModerationReasonChars, "a reason");
}

/// <summary>A report: waiting for a moderator, dismissed, or acted on.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FlagStatus>))]
public enum FlagStatus { Open = 0, Dismissed = 1, Actioned = 2 }

/// <summary>What a report or a moderation action is about.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FlagTarget>))]
public enum FlagTarget { Summary = 0, Comment = 1, Paper = 2, Question = 3, Answer = 4 }

/// <summary>
/// Someone who keeps the site: their roles among moderator and admin, whether a ban suspends them, and who last granted
/// them a role and when (from the moderation log; null for roles given before the log recorded them).
/// </summary>
public sealed record StaffMember(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool Banned,
    UserRef? GrantedBy = null, DateTimeOffset? GrantedAt = null);
