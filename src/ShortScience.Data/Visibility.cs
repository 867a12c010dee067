using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Data;

/// <summary>
/// What every reader may see: the one definition of "published and visible", so no feature forgets that a hidden
/// paper hides its summaries, or a hidden summary its comments.
/// </summary>
public static class Visibility
{
    public static IQueryable<Paper> Shown(this IQueryable<Paper> papers) => papers.Where(p => p.Status == ContentStatus.Visible);

    /// <summary>Published summaries of shown papers.</summary>
    public static IQueryable<Summary> Published(this IQueryable<Summary> summaries) =>
        summaries.Where(s => s.Status == SummaryStatus.Published && s.Paper.Status == ContentStatus.Visible);

    /// <summary>Shown comments under published summaries of shown papers.</summary>
    public static IQueryable<Comment> Shown(this IQueryable<Comment> comments) =>
        comments.Where(c => c.Status == ContentStatus.Visible && c.Summary.Status == SummaryStatus.Published
            && c.Summary.Paper.Status == ContentStatus.Visible);

    /// <summary>Visible questions on shown papers.</summary>
    public static IQueryable<Question> Shown(this IQueryable<Question> questions) =>
        questions.Where(q => q.Status == ContentStatus.Visible && q.Paper.Status == ContentStatus.Visible);

    /// <summary>Visible answers to visible questions on shown papers.</summary>
    public static IQueryable<Answer> Shown(this IQueryable<Answer> answers) =>
        answers.Where(a => a.Status == ContentStatus.Visible && a.Question.Status == ContentStatus.Visible
            && a.Question.Paper.Status == ContentStatus.Visible);
}
