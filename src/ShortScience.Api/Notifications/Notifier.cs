using Microsoft.EntityFrameworkCore;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Notifications;

/// <summary>Writes the on-site notifications; <see cref="DigestMailer"/> later mails them in batches.</summary>
public sealed class Notifier(ShortScienceDb db, TimeProvider clock)
{
    /// <summary>A comment tells the summary's author, and a reply also tells the author of the comment replied to.</summary>
    public async Task CommentedAsync(
        Guid actorId, Guid summaryAuthorId, Guid? parentAuthorId, string paperTitle, long summaryId, long commentId, string url, CancellationToken ct)
    {
        // The anonymous author of the summary replying under it is not named, here either.
        var anonymousAuthor = actorId == summaryAuthorId && await db.Summaries.AnyAsync(s => s.Id == summaryId && s.Anonymous, ct);
        var actor = anonymousAuthor ? "The summary's anonymous author"
            : await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstAsync(ct);
        var now = clock.GetUtcNow();
        if (summaryAuthorId != actorId)
        {
            Add(summaryAuthorId, parentAuthorId is null ? NotificationKind.Comment : NotificationKind.Reply, parentAuthorId switch
            {
                null => $"{actor} commented on your summary of “{paperTitle}”",
                var parent when parent == summaryAuthorId => $"{actor} replied to your comment on your summary of “{paperTitle}”",
                _ => $"{actor} commented on your summary of “{paperTitle}”",
            });
        }
        if (parentAuthorId is { } parentAuthor && parentAuthor != actorId && parentAuthor != summaryAuthorId)
        {
            Add(parentAuthor, NotificationKind.Reply, $"{actor} replied to your comment on “{paperTitle}”");
        }
        await db.SaveChangesAsync(ct);

        void Add(Guid userId, NotificationKind kind, string text) => db.Notifications.Add(new Notification
        {
            UserId = userId, Kind = kind, ActorId = actorId, SummaryId = summaryId, CommentId = commentId,
            Text = TextCut.Prefix(text, 480), Url = url, CreatedAt = now,
        });
    }

    /// <summary>A new question tells the paper's followers and the authors of its published summaries.</summary>
    public async Task AskedAsync(Guid actorId, long paperId, string paperKey, string paperTitle, long questionId, string questionTitle, string url, CancellationToken ct)
    {
        var followers = await db.Follows.AsNoTracking().Where(f => f.TargetType == FollowTarget.Paper && f.TargetKey == paperKey)
            .Select(f => f.UserId).ToListAsync(ct);
        var authors = await db.Summaries.AsNoTracking().Where(s => s.PaperId == paperId && s.Status == SummaryStatus.Published)
            .Select(s => s.UserId).ToListAsync(ct);
        var actor = await ActorAsync(actorId, ct);
        foreach (var userId in followers.Concat(authors).Distinct().Where(u => u != actorId))
        {
            Add(userId, NotificationKind.Question, actorId, $"{actor} asked about “{paperTitle}”: {questionTitle}", url, questionId, null);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new answer tells the asker.</summary>
    public Task AnsweredAsync(Guid actorId, Guid askerId, string paperTitle, long questionId, string questionTitle, long answerId, string url, CancellationToken ct) =>
        TellAsync(actorId, askerId, NotificationKind.Answer, actor => $"{actor} answered your question “{questionTitle}” on “{paperTitle}”", url,
            questionId, answerId, ct);

    /// <summary>
    /// An accepted answer tells its author, once: accepting it again after taking the acceptance back (or after
    /// accepting another answer) is the same news, and a toggling asker must not fill the author's inbox.
    /// </summary>
    public async Task AcceptedAsync(Guid actorId, Guid answerAuthorId, string paperTitle, long questionId, string questionTitle, long answerId, string url, CancellationToken ct)
    {
        if (answerAuthorId == actorId) return;
        // Two acceptances at once (a double click) look for an earlier notification one after the other.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.LockForTransactionAsync($"accepted:{answerId}", ct);
        if (await db.Notifications.AnyAsync(n => n.UserId == answerAuthorId && n.Kind == NotificationKind.Accepted && n.AnswerId == answerId, ct)) return;
        await TellAsync(actorId, answerAuthorId, NotificationKind.Accepted, actor => $"{actor} accepted your answer to “{questionTitle}” on “{paperTitle}”", url,
            questionId, answerId, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>One person, unless they did it themselves.</summary>
    async Task TellAsync(Guid actorId, Guid userId, NotificationKind kind, Func<string, string> text, string url, long questionId, long answerId, CancellationToken ct)
    {
        if (userId == actorId) return;
        Add(userId, kind, actorId, text(await ActorAsync(actorId, ct)), url, questionId, answerId);
        await db.SaveChangesAsync(ct);
    }

    Task<string> ActorAsync(Guid actorId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstAsync(ct);

    void Add(Guid userId, NotificationKind kind, Guid actorId, string text, string url, long questionId, long? answerId) => db.Notifications.Add(new Notification
    {
        UserId = userId, Kind = kind, ActorId = actorId, QuestionId = questionId, AnswerId = answerId,
        Text = TextCut.Prefix(text, 480), Url = url, CreatedAt = clock.GetUtcNow(),
    });
}
