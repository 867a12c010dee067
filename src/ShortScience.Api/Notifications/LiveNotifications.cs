using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Notifications;

/// <summary>
/// Notifications whose comment, summary, question and answer are still there for readers: a text deleted or hidden
/// after it was notified leaves the inbox and is never mailed (it comes back if the text is restored).
/// </summary>
public static class LiveNotifications
{
    public static IQueryable<Notification> Live(this IQueryable<Notification> notifications, ShortScienceDb db)
    {
        // Built outside the lambda, so EF Core inlines them as subqueries.
        var comments = db.Comments.Shown();
        var summaries = db.Summaries.Published();
        var questions = db.Questions.Shown();
        var answers = db.Answers.Shown();
        return notifications.Where(n => (n.CommentId == null || comments.Any(c => c.Id == n.CommentId))
            && (n.SummaryId == null || summaries.Any(s => s.Id == n.SummaryId))
            && (n.QuestionId == null || questions.Any(q => q.Id == n.QuestionId))
            && (n.AnswerId == null || answers.Any(a => a.Id == n.AnswerId)));
    }
}
