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
            Add(summaryAuthorId, parentAuthorId is null ? NotificationKind.Comment : NotificationKind.Reply,
                $"{actor} commented on your summary of “{paperTitle}”");
        }
        if (parentAuthorId is { } parentAuthor && parentAuthor != actorId && parentAuthor != summaryAuthorId)
        {
            Add(parentAuthor, NotificationKind.Reply, $"{actor} replied to your comment on “{paperTitle}”");
        }
        await db.SaveChangesAsync(ct);

        void Add(Guid userId, NotificationKind kind, string text) => db.Notifications.Add(new Notification
        {
            UserId = userId, Kind = kind, ActorId = actorId, SummaryId = summaryId, CommentId = commentId,
            Text = text.Length > 480 ? text[..480] : text, Url = url, CreatedAt = now,
        });
    }
}
