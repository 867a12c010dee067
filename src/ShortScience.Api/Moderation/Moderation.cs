using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Comments;
using ShortScience.Api.Questions;
using ShortScience.Api.Summaries;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Moderation;

/// <summary>Hiding and restoring content, and banning people; every action lands in the audit log.</summary>
public sealed class Moderator(ShortScienceDb db, CacheEviction caches, CitationCatchUp citations, TimeProvider clock)
{
    /// <summary>Hides a target and closes its open reports as acted on: every route that hides does both.</summary>
    public async Task<bool> HideAsync(Guid moderatorId, FlagTarget type, string targetId, string reason, long? flagId, CancellationToken ct)
    {
        if (!await SetHiddenAsync(moderatorId, type, targetId, true, reason, flagId, ct)) return false;
        await ResolveFlagsAsync(moderatorId, type, targetId, FlagStatus.Actioned, reason, ct);
        return true;
    }

    /// <summary>
    /// Hides a target, or gives it back the state it had before it was hidden. Restoring what is not hidden changes
    /// nothing (a moderator never republishes what its author deleted), and a comment its author deleted is not hidden
    /// (it is gone already, and its author has no way to bring it back).
    /// </summary>
    /// <returns>False when the target does not exist.</returns>
    public async Task<bool> SetHiddenAsync(Guid moderatorId, FlagTarget type, string targetId, bool hidden, string? reason, long? flagId, CancellationToken ct)
    {
        var changed = type switch
        {
            FlagTarget.Summary when long.TryParse(targetId, out var id) => await HideSummaryAsync(id, hidden, reason, ct),
            FlagTarget.Comment when long.TryParse(targetId, out var id) => await HideCommentAsync(id, hidden, reason, ct),
            FlagTarget.Question when long.TryParse(targetId, out var id) => await HideQuestionAsync(id, hidden, reason, ct),
            FlagTarget.Answer when long.TryParse(targetId, out var id) => await HideAnswerAsync(id, hidden, reason, ct),
            FlagTarget.Paper => await HidePaperAsync(targetId, hidden, ct),
            _ => null,
        };
        if (changed is null) return false;
        if (changed == false) return true;
        await (type switch
        {
            FlagTarget.Summary => caches.SummaryChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Comment => caches.CommentChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Question => caches.QuestionChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            FlagTarget.Answer => caches.AnswerChangedAsync(long.Parse(targetId, CultureInfo.InvariantCulture), ct),
            _ => caches.PaperChangedAsync(targetId, ct),
        });
        if (type == FlagTarget.Paper)
        {
            // Texts citing a hidden paper stop linking to it (and naming it); shown again, they link again.
            await citations.PapersChangedAsync(await db.Papers.Where(p => p.Key == targetId).Select(p => p.Id).ToListAsync(ct));
        }
        await LogAsync(moderatorId, hidden ? "hide" : "restore", type.ToString().ToLowerInvariant(), targetId, reason, flagId, ct);
        return true;
    }

    /// <returns>Null when there is no such summary; false when nothing changed.</returns>
    async Task<bool?> HideSummaryAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var summary = await db.Summaries.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (summary is null) return null;
        if (hidden)
        {
            if (summary.Status != SummaryStatus.Hidden) summary.StatusBeforeHidden = summary.Status;
            summary.Status = SummaryStatus.Hidden;
            summary.ModerationReason = reason;
        }
        else
        {
            if (summary.Status != SummaryStatus.Hidden) return false;
            // Summaries hidden before this was kept were published ones (hiding a deleted one republished it on restore).
            summary.Status = summary.StatusBeforeHidden ?? SummaryStatus.Published;
            summary.StatusBeforeHidden = null;
            summary.ModerationReason = null;
        }
        await db.SaveChangesAsync(ct);
        await PaperStats.RefreshAsync(db, summary.PaperId, ct);
        return true;
    }

    async Task<bool?> HideCommentAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return null;
        if (comment.Status == ContentStatus.Deleted || (comment.Status == ContentStatus.Hidden) == hidden) return false;
        comment.Status = hidden ? ContentStatus.Hidden : ContentStatus.Visible;
        comment.ModerationReason = hidden ? reason : null;
        await db.SaveChangesAsync(ct);
        await CommentThreads.RefreshCountAsync(db, comment.SummaryId, ct);
        return true;
    }

    async Task<bool?> HidePaperAsync(string key, bool hidden, CancellationToken ct)
    {
        if (!await db.Papers.AnyAsync(p => p.Key == key, ct)) return null;
        var from = hidden ? ContentStatus.Visible : ContentStatus.Hidden;
        return await db.Papers.Where(p => p.Key == key && p.Status == from)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, hidden ? ContentStatus.Hidden : ContentStatus.Visible), ct) > 0;
    }

    /// <summary>A deleted question or answer stays deleted: hiding and restoring move only between visible and hidden.</summary>
    async Task<bool?> HideQuestionAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null) return null;
        if (question.Status == ContentStatus.Deleted || (question.Status == ContentStatus.Hidden) == hidden) return false;
        question.Status = hidden ? ContentStatus.Hidden : ContentStatus.Visible;
        question.ModerationReason = hidden ? reason : null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task<bool?> HideAnswerAsync(long id, bool hidden, string? reason, CancellationToken ct)
    {
        var answer = await db.Answers.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (answer is null) return null;
        if (answer.Status == ContentStatus.Deleted || (answer.Status == ContentStatus.Hidden) == hidden) return false;
        answer.Status = hidden ? ContentStatus.Hidden : ContentStatus.Visible;
        answer.ModerationReason = hidden ? reason : null;
        await db.SaveChangesAsync(ct);
        await QuestionThreads.RefreshCountAsync(db, answer.QuestionId, ct);
        return true;
    }

    /// <summary>Closes every open flag on a target (it has been dealt with).</summary>
    public Task<int> ResolveFlagsAsync(Guid moderatorId, FlagTarget type, string targetId, FlagStatus status, string? resolution, CancellationToken ct) =>
        db.Flags.Where(f => f.TargetType == type && f.TargetId == targetId && f.Status == FlagStatus.Open)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Status, status).SetProperty(x => x.ResolvedById, moderatorId)
                .SetProperty(x => x.ResolvedAt, clock.GetUtcNow()).SetProperty(x => x.Resolution, resolution), ct);

    /// <summary>
    /// Bans or unbans someone. Nobody bans or unbans themselves (a banned moderator cannot reach this at all: the policy
    /// refuses them), and only an admin bans or unbans a moderator or an admin.
    /// </summary>
    public async Task<RoleChange> BanAsync(Guid moderatorId, bool actorIsAdmin, string userName, bool banned, string? reason, CancellationToken ct)
    {
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is null) return RoleChange.NoSuchUser;
        if (user.Id == moderatorId) return RoleChange.OwnAccount;
        var staff = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .AnyAsync(r => r == Roles.Moderator || r == Roles.Admin, ct);
        if (staff && !actorIsAdmin) return RoleChange.TargetIsAdmin;
        if ((user.BannedAt is not null) == banned) return RoleChange.Unchanged;
        user.BannedAt = banned ? clock.GetUtcNow() : null;
        user.BanReason = banned ? reason : null;
        ModerationLog.Add(db, moderatorId, banned ? "ban" : "unban", "user", user.UserName!, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RoleChange.Done;
    }

    public async Task LogAsync(Guid moderatorId, string action, string targetType, string targetId, string? reason, long? flagId, CancellationToken ct)
    {
        ModerationLog.Add(db, moderatorId, action, targetType, targetId, reason, clock.GetUtcNow(), flagId);
        await db.SaveChangesAsync(ct);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A target's id in the one form reports, the log and lookups use: digits without sign, spaces or leading zeros
    /// for numbered targets ("07", " 7", "+7" all name 7), a paper's key as it is; null when a number is not one.
    /// </summary>
    public static string? TargetId(FlagTarget type, string? targetId) => type == FlagTarget.Paper
        ? targetId
        : long.TryParse(targetId?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id > 0 ? Id(id) : null;
}
