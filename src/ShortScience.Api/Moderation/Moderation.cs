using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Comments;
using ShortScience.Api.Feeds;
using ShortScience.Api.Questions;
using ShortScience.Api.Summaries;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Moderation;

/// <summary>Hiding and restoring content, and banning people; every action lands in the audit log.</summary>
public sealed class Moderator(ShortScienceDb db, FeedCache feeds, TimeProvider clock)
{
    /// <returns>False when the target does not exist.</returns>
    public async Task<bool> SetHiddenAsync(Guid moderatorId, FlagTarget type, string targetId, bool hidden, string? reason, long? flagId, CancellationToken ct)
    {
        var changed = type switch
        {
            FlagTarget.Summary when long.TryParse(targetId, out var id) => await HideSummaryAsync(id, hidden, reason, ct),
            FlagTarget.Comment when long.TryParse(targetId, out var id) => await HideCommentAsync(id, hidden, reason, ct),
            FlagTarget.Question when long.TryParse(targetId, out var id) => await HideQuestionAsync(id, hidden, reason, ct),
            FlagTarget.Answer when long.TryParse(targetId, out var id) => await HideAnswerAsync(id, hidden, reason, ct),
            FlagTarget.Paper => await db.Papers.Where(p => p.Key == targetId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, hidden ? ContentStatus.Hidden : ContentStatus.Visible), ct) > 0,
            _ => false,
        };
        if (!changed) return false;
        await (type switch
        {
            FlagTarget.Summary => feeds.SummaryChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Comment => feeds.CommentChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Question => feeds.QuestionChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Answer => feeds.AnswerChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            _ => feeds.PaperChangedAsync(targetId, ct),
        });
        await LogAsync(moderatorId, hidden ? "hide" : "restore", type.ToString().ToLowerInvariant(), targetId, reason, flagId, ct);
        return true;
    }

    async Task<bool> HideSummaryAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var summary = await db.Summaries.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (summary is null) return false;
        summary.Status = hidden ? SummaryStatus.Hidden : SummaryStatus.Published;
        summary.ModerationReason = hidden ? reason : null;
        await db.SaveChangesAsync(ct);
        await PaperStats.RefreshAsync(db, summary.PaperId, ct);
        return true;
    }

    async Task<bool> HideCommentAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return false;
        comment.Status = hidden ? ContentStatus.Hidden : ContentStatus.Visible;
        comment.ModerationReason = hidden ? reason : null;
        await db.SaveChangesAsync(ct);
        await CommentThreads.RefreshCountAsync(db, comment.SummaryId, ct);
        return true;
    }

    /// <summary>A deleted question stays deleted: hiding and restoring move only between visible and hidden.</summary>
    async Task<bool> HideQuestionAsync(long id, bool hidden, string? reason, CancellationToken ct) =>
        await db.Questions.Where(q => q.Id == id && q.Status != ContentStatus.Deleted).ExecuteUpdateAsync(q => q
            .SetProperty(x => x.Status, hidden ? ContentStatus.Hidden : ContentStatus.Visible)
            .SetProperty(x => x.ModerationReason, hidden ? reason : null), ct) > 0;

    async Task<bool> HideAnswerAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var questionId = await db.Answers.Where(a => a.Id == id && a.Status != ContentStatus.Deleted).Select(a => (long?)a.QuestionId).FirstOrDefaultAsync(ct);
        if (questionId is null) return false;
        await db.Answers.Where(a => a.Id == id).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.Status, hidden ? ContentStatus.Hidden : ContentStatus.Visible)
            .SetProperty(x => x.ModerationReason, hidden ? reason : null), ct);
        await QuestionThreads.RefreshCountAsync(db, questionId.Value, ct);
        return true;
    }

    /// <summary>Closes every open flag on a target (it has been dealt with).</summary>
    public Task<int> ResolveFlagsAsync(Guid moderatorId, FlagTarget type, string targetId, FlagStatus status, string? resolution, CancellationToken ct) =>
        db.Flags.Where(f => f.TargetType == type && f.TargetId == targetId && f.Status == FlagStatus.Open)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Status, status).SetProperty(x => x.ResolvedById, moderatorId)
                .SetProperty(x => x.ResolvedAt, clock.GetUtcNow()).SetProperty(x => x.Resolution, resolution), ct);

    public async Task<bool> BanAsync(Guid moderatorId, string userName, bool banned, string? reason, CancellationToken ct)
    {
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is null) return false;
        user.BannedAt = banned ? clock.GetUtcNow() : null;
        user.BanReason = banned ? reason : null;
        await db.SaveChangesAsync(ct);
        await LogAsync(moderatorId, banned ? "ban" : "unban", "user", user.UserName!, reason, null, ct);
        return true;
    }

    public async Task LogAsync(Guid moderatorId, string action, string targetType, string targetId, string? reason, long? flagId, CancellationToken ct)
    {
        ModerationLog.Add(db, moderatorId, action, targetType, targetId, reason, clock.GetUtcNow(), flagId);
        await db.SaveChangesAsync(ct);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
