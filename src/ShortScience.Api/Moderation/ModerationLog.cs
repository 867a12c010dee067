using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Moderation;

/// <summary>
/// The audit log: every act of a moderator (and every change to a paper's facts) becomes one entry, written in the
/// same unit of work as the change it records, so neither exists without the other.
/// </summary>
public static class ModerationLog
{
    public static void Add(ShortScienceDb db, Guid actorId, string action, string targetType, string targetId, string? reason,
        DateTimeOffset at, long? flagId = null) =>
        db.ModerationActions.Add(new ModerationAction
        {
            ModeratorId = actorId, Action = action, TargetType = targetType, TargetId = targetId,
            Reason = TextCut.PrefixOrNull(reason, Limits.ReportReasonChars),
            FlagId = flagId, CreatedAt = at,
        });
}
