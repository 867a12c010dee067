using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Caching;
using ShortScience.Api.Comments;
using ShortScience.Api.Figures;
using ShortScience.Api.Questions;
using ShortScience.Api.Summaries;
using ShortScience.Api.Votes;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Accounts;

/// <summary>
/// Deletes a person: their identity (name, email, password, sessions, drafts, follows, votes, inbox) goes; their
/// summaries either stay, published anonymously, or go, as they choose; their comments are emptied. The user row
/// stays only as a nameless tombstone so that what others wrote in reply keeps its place.
/// </summary>
public sealed class AccountDeletion(ShortScienceDb db, CacheEviction caches, FigureLibrary figures, TimeProvider clock, ILogger<AccountDeletion> logger)
{
    public async Task DeleteAsync(User user, bool keepSummaries, CancellationToken ct)
    {
        var id = user.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Votes first, so the scores they counted in come down with them.
        var votes = await db.Votes.Where(v => v.UserId == id).ToListAsync(ct);
        foreach (var vote in votes)
        {
            var (delta, up, down) = Votables.Change(vote.Value, 0);
            await Votables.AdjustAsync(db, vote.TargetType, vote.TargetId, delta, up, down, ct);
        }
        await db.Votes.Where(v => v.UserId == id).ExecuteDeleteAsync(ct);

        var papers = await db.Summaries.Where(s => s.UserId == id).Select(s => s.PaperId).Distinct().ToListAsync(ct);
        if (keepSummaries)
        {
            await db.Summaries.Where(s => s.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Anonymous, true), ct);
        }
        else
        {
            await db.Summaries.Where(s => s.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentRevisionId, (long?)null), ct);
            await db.Summaries.Where(s => s.UserId == id).ExecuteDeleteAsync(ct);
        }
        foreach (var paperId in papers) await PaperStats.RefreshAsync(db, paperId, ct);

        var commented = await db.Comments.Where(c => c.UserId == id).Select(c => c.SummaryId).Distinct().ToListAsync(ct);
        await db.CommentRevisions.Where(r => r.Comment.UserId == id).ExecuteDeleteAsync(ct);
        await db.Comments.Where(c => c.UserId == id).ExecuteUpdateAsync(c => c
            .SetProperty(x => x.Status, ContentStatus.Deleted).SetProperty(x => x.Markdown, "").SetProperty(x => x.Html, "")
            .SetProperty(x => x.PlainText, ""), ct);
        foreach (var summaryId in commented) await CommentThreads.RefreshCountAsync(db, summaryId, ct);

        // Questions and answers are emptied like comments, so the answers of others keep their place.
        await db.QuestionRevisions.Where(r => r.Question.UserId == id).ExecuteDeleteAsync(ct);
        await db.Questions.Where(q => q.UserId == id).ExecuteUpdateAsync(q => q
            .SetProperty(x => x.Status, ContentStatus.Deleted).SetProperty(x => x.Title, "").SetProperty(x => x.Markdown, "")
            .SetProperty(x => x.Html, "").SetProperty(x => x.PlainText, ""), ct);
        var answered = await db.Answers.Where(a => a.UserId == id).Select(a => a.QuestionId).Distinct().ToListAsync(ct);
        // As when an answer is deleted on its own: a question whose accepted answer goes is unanswered again.
        await db.Questions.Where(q => db.Answers.Any(a => a.Id == q.AcceptedAnswerId && a.UserId == id))
            .ExecuteUpdateAsync(q => q.SetProperty(x => x.AcceptedAnswerId, (long?)null), ct);
        await db.AnswerRevisions.Where(r => r.Answer.UserId == id).ExecuteDeleteAsync(ct);
        await db.Answers.Where(a => a.UserId == id).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.Status, ContentStatus.Deleted).SetProperty(x => x.Markdown, "").SetProperty(x => x.Html, "")
            .SetProperty(x => x.PlainText, ""), ct);
        foreach (var questionId in answered) await QuestionThreads.RefreshCountAsync(db, questionId, ct);

        await db.Drafts.Where(d => d.UserId == id).ExecuteDeleteAsync(ct);
        await db.Follows.Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        // Follows of them go too: their name is freed, and whoever takes it next is someone else.
        await db.Follows.Where(f => f.TargetType == FollowTarget.User && f.TargetKey == user.UserName).ExecuteDeleteAsync(ct);
        await db.ReadingList.Where(e => e.UserId == id).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == id).ExecuteDeleteAsync(ct);
        await db.Flags.Where(f => f.ReporterId == id).ExecuteDeleteAsync(ct);
        await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == id).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);

        var tombstone = $"deleted-{id.ToString("N")[..12]}";
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.UserName, tombstone).SetProperty(x => x.NormalizedUserName, tombstone.ToUpperInvariant())
            .SetProperty(x => x.Email, (string?)null).SetProperty(x => x.NormalizedEmail, (string?)null)
            .SetProperty(x => x.EmailConfirmed, false).SetProperty(x => x.PasswordHash, (string?)null)
            .SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString()).SetProperty(x => x.DisplayName, "Former member")
            .SetProperty(x => x.Bio, (string?)null).SetProperty(x => x.Affiliation, (string?)null)
            .SetProperty(x => x.FeedToken, (string?)null).SetProperty(x => x.UnsubscribeToken, (string?)null)
            .SetProperty(x => x.ReadingListFeedToken, (string?)null)
            .SetProperty(x => x.EmailNotifications, false).SetProperty(x => x.LockoutEnabled, true)
            .SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue), ct);
        await tx.CommitAsync(ct);
        // Their figures go too, unless a remaining text (their kept summaries, someone's quote) still shows them;
        // those stay, owned by nobody. After the commit: the check must see their removed texts as gone.
        var removedFigures = await figures.RemoveUnusedOfAsync(id, ct);
        await db.Figures.Where(f => f.OwnerId == id).ExecuteUpdateAsync(f => f.SetProperty(x => x.OwnerId, (Guid?)null), ct);
        // Their name may sit in any cached feed (as author or commenter): drop them all.
        await caches.EverythingChangedAsync(ct);
        logger.LogInformation("Deleted account {UserId} at {At}; summaries {Choice}; {Figures} figures removed",
            id, clock.GetUtcNow(), keepSummaries ? "kept anonymously" : "removed", removedFigures);
    }
}
