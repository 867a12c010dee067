using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Questions;

/// <summary>
/// Loads questions with their answers as a reader sees them: three queries (questions, answers, the viewer's votes),
/// whatever the number of questions. Readers get visible content only; moderators also get hidden content, marked.
/// </summary>
public static class QuestionThreads
{
    /// <summary>Enough for any real paper; a flood of questions cannot make one page unbounded.</summary>
    public const int MaxPerPaper = 200;

    public static async Task<List<QuestionView>> LoadAsync(
        ShortScienceDb db, IQueryable<Question> questions, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var moderator = viewer.IsModerator();
        var rows = await questions.AsNoTracking()
            .Where(q => q.Paper.Status == ContentStatus.Visible)
            .Where(q => q.Status == ContentStatus.Visible || (moderator && q.Status == ContentStatus.Hidden))
            .OrderByDescending(q => q.Score).ThenByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
            .Take(MaxPerPaper)
            .Select(q => new QuestionRow(q.Id, q.Paper.Key, q.Paper.Title, q.UserId, q.User.UserName!, q.User.DisplayName, q.Title, q.Html,
                q.Markdown, q.Status, q.Score, q.AnswerCount, q.AcceptedAnswerId, q.CreatedAt, q.UpdatedAt, q.RevisionCount))
            .ToListAsync(ct);
        if (rows.Count == 0) return [];

        var ids = rows.ConvertAll(r => r.Id);
        var answers = await db.Answers.AsNoTracking()
            .Where(a => ids.Contains(a.QuestionId))
            .Where(a => a.Status == ContentStatus.Visible || (moderator && a.Status == ContentStatus.Hidden))
            .Select(a => new AnswerRow(a.Id, a.QuestionId, a.UserId, a.User.UserName!, a.User.DisplayName, a.Html, a.Markdown, a.Status,
                a.Score, a.CreatedAt, a.UpdatedAt, a.RevisionCount))
            .ToListAsync(ct);

        var viewerId = viewer.UserId();
        var votes = new Dictionary<(VoteTarget, long), int>();
        if (viewerId is { } uid)
        {
            var answerIds = answers.ConvertAll(a => a.Id);
            votes = await db.Votes.AsNoTracking()
                .Where(v => v.UserId == uid && ((v.TargetType == VoteTarget.Question && ids.Contains(v.TargetId))
                    || (v.TargetType == VoteTarget.Answer && answerIds.Contains(v.TargetId))))
                .ToDictionaryAsync(v => (v.TargetType, v.TargetId), v => (int)v.Value, ct);
        }

        var byQuestion = answers.ToLookup(a => a.QuestionId);
        return rows.ConvertAll(q =>
        {
            var accepted = q.AcceptedAnswerId is { } acceptedId && byQuestion[q.Id].Any(a => a.Id == acceptedId && a.Status == ContentStatus.Visible)
                ? q.AcceptedAnswerId : null;
            var list = byQuestion[q.Id]
                .OrderByDescending(a => a.Id == accepted).ThenByDescending(a => a.Score).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new AnswerView(
                    a.Id, a.QuestionId, new UserRef(a.UserName, a.DisplayName), a.Html, a.Status, a.Score, a.Id == accepted,
                    a.CreatedAt, a.UpdatedAt, a.RevisionCount > 1, a.UserId == viewerId, votes.GetValueOrDefault((VoteTarget.Answer, a.Id)),
                    Links.Answer(q.PaperKey, a.Id), a.UserId == viewerId ? a.Markdown : null))
                .ToList();
            return new QuestionView(
                q.Id, q.PaperKey, q.PaperTitle, new UserRef(q.UserName, q.DisplayName), q.Title, q.Html, q.Status, q.Score, q.AnswerCount,
                accepted, q.CreatedAt, q.UpdatedAt, q.RevisionCount > 1, q.UserId == viewerId, votes.GetValueOrDefault((VoteTarget.Question, q.Id)),
                Links.Question(q.PaperKey, q.Id), list, q.UserId == viewerId ? q.Markdown : null);
        });
    }

    /// <summary>One question as <see cref="LoadAsync"/> shows it, or null when the viewer may not see it.</summary>
    public static async Task<QuestionView?> OneAsync(ShortScienceDb db, long id, ClaimsPrincipal viewer, CancellationToken ct) =>
        (await LoadAsync(db, db.Questions.Where(q => q.Id == id), viewer, ct)).FirstOrDefault();

    /// <summary>Recomputes a question's count of visible answers.</summary>
    public static Task<int> RefreshCountAsync(ShortScienceDb db, long questionId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE questions q SET answer_count = (SELECT count(*) FROM answers a WHERE a.question_id = q.id AND a.status = 0)
            WHERE q.id = {questionId}
            """, ct);

    sealed record QuestionRow(
        long Id, string PaperKey, string PaperTitle, Guid UserId, string UserName, string DisplayName, string Title, string Html, string Markdown,
        ContentStatus Status, int Score, int AnswerCount, long? AcceptedAnswerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int RevisionCount);

    sealed record AnswerRow(
        long Id, long QuestionId, Guid UserId, string UserName, string DisplayName, string Html, string Markdown, ContentStatus Status,
        int Score, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int RevisionCount);
}
