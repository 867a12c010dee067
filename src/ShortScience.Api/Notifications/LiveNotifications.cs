using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Notifications;

/// <summary>
/// Notifications whose comment and summary are still there for readers: a comment deleted or hidden after it was
/// notified leaves the inbox and is never mailed (it comes back if the comment is restored).
/// </summary>
public static class LiveNotifications
{
    public static IQueryable<Notification> Live(this IQueryable<Notification> notifications, ShortScienceDb db)
    {
        // Built outside the lambda, so EF Core inlines them as subqueries.
        var comments = db.Comments.Shown();
        var summaries = db.Summaries.Published();
        return notifications.Where(n => (n.CommentId == null || comments.Any(c => c.Id == n.CommentId))
            && (n.SummaryId == null || summaries.Any(s => s.Id == n.SummaryId)));
    }
}
