using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Feeds;

/// <summary>
/// The rows feeds are made of: published summaries and visible comments, newest first, with their paper. The texts
/// themselves are not selected here: <see cref="FeedContent"/> serves them, mostly from memory.
/// </summary>
public static class FeedQueries
{
    /// <summary>What any feed may show: published summaries of visible papers. Hidden and deleted ones never appear.</summary>
    public static IQueryable<Summary> Summaries(ShortScienceDb db) =>
        db.Summaries.AsNoTracking().Published().Where(s => s.Current != null);

    public static IQueryable<Comment> Comments(ShortScienceDb db) =>
        db.Comments.AsNoTracking().Shown();

    public static Task<List<FeedEntry>> SummaryEntriesAsync(IQueryable<Summary> summaries, int limit, CancellationToken ct) =>
        summaries.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(limit)
            .Select(s => new FeedEntry(
                FeedEntryKind.Summary, s.Id, s.Id, s.CurrentRevision,
                new FeedPaper(
                    s.Paper.Key, s.Paper.Title,
                    s.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    s.Paper.Venue == null ? null : new VenueRef(s.Paper.Venue.Slug, s.Paper.Venue.ShortName, s.Paper.Venue.Name),
                    s.Paper.Year, s.Paper.ArxivId, s.Paper.Doi, s.Paper.BibtexKey, s.Paper.Keywords, s.Paper.Abstract),
                // An anonymous summary's author is never selected, so no feed can leak it.
                s.Anonymous ? null : new UserRef(s.User.UserName!, s.User.DisplayName),
                s.PublishedAt!.Value, s.UpdatedAt, s.CurrentRevisionId!.Value, s.Current!.RendererVersion))
            // Split (entries, then authors): measured; one joined statement was no faster on a loaded machine.
            .AsSplitQuery()
            .ToListAsync(ct);

    public static Task<List<FeedEntry>> CommentEntriesAsync(IQueryable<Comment> comments, int limit, CancellationToken ct) =>
        comments.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(limit)
            .Select(c => new FeedEntry(
                FeedEntryKind.Comment, c.Id, c.SummaryId, c.RevisionCount,
                new FeedPaper(
                    c.Summary.Paper.Key, c.Summary.Paper.Title,
                    c.Summary.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    c.Summary.Paper.Venue == null ? null
                        : new VenueRef(c.Summary.Paper.Venue.Slug, c.Summary.Paper.Venue.ShortName, c.Summary.Paper.Venue.Name),
                    c.Summary.Paper.Year, c.Summary.Paper.ArxivId, c.Summary.Paper.Doi, c.Summary.Paper.BibtexKey, c.Summary.Paper.Keywords, c.Summary.Paper.Abstract),
                // The anonymous author answering under their own summary stays anonymous (see CommentThreads).
                c.Summary.Anonymous && c.UserId == c.Summary.UserId ? new UserRef("", AnonymousAuthor.DisplayName) : new UserRef(c.User.UserName!, c.User.DisplayName),
                c.CreatedAt, c.UpdatedAt, c.Id, c.RendererVersion))
            .AsSplitQuery()
            .ToListAsync(ct);

    public static IQueryable<Question> Questions(ShortScienceDb db) => db.Questions.AsNoTracking().Shown();

    public static IQueryable<Answer> Answers(ShortScienceDb db) => db.Answers.AsNoTracking().Shown();

    public static Task<List<FeedEntry>> QuestionEntriesAsync(IQueryable<Question> questions, int limit, CancellationToken ct) =>
        questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id).Take(limit)
            .Select(q => new FeedEntry(
                FeedEntryKind.Question, q.Id, q.Id, q.RevisionCount,
                new FeedPaper(
                    q.Paper.Key, q.Paper.Title,
                    q.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    q.Paper.Venue == null ? null : new VenueRef(q.Paper.Venue.Slug, q.Paper.Venue.ShortName, q.Paper.Venue.Name),
                    q.Paper.Year, q.Paper.ArxivId, q.Paper.Doi, q.Paper.BibtexKey, q.Paper.Keywords, q.Paper.Abstract),
                new UserRef(q.User.UserName!, q.User.DisplayName),
                q.CreatedAt, q.UpdatedAt, q.Id, q.RendererVersion, q.Title))
            .AsSplitQuery()
            .ToListAsync(ct);

    public static Task<List<FeedEntry>> AnswerEntriesAsync(IQueryable<Answer> answers, int limit, CancellationToken ct) =>
        answers.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(limit)
            .Select(a => new FeedEntry(
                FeedEntryKind.Answer, a.Id, a.QuestionId, a.RevisionCount,
                new FeedPaper(
                    a.Question.Paper.Key, a.Question.Paper.Title,
                    a.Question.Paper.Authors.OrderBy(x => x.Position).Select(x => new AuthorRef(x.DisplayName, x.Author.Slug)).ToList(),
                    a.Question.Paper.Venue == null ? null
                        : new VenueRef(a.Question.Paper.Venue.Slug, a.Question.Paper.Venue.ShortName, a.Question.Paper.Venue.Name),
                    a.Question.Paper.Year, a.Question.Paper.ArxivId, a.Question.Paper.Doi, a.Question.Paper.BibtexKey, a.Question.Paper.Keywords, a.Question.Paper.Abstract),
                new UserRef(a.User.UserName!, a.User.DisplayName),
                a.CreatedAt, a.UpdatedAt, a.Id, a.RendererVersion, a.Question.Title))
            .AsSplitQuery()
            .ToListAsync(ct);

    /// <summary>Questions and their answers together, newest first.</summary>
    public static async Task<List<FeedEntry>> QuestionsAndAnswersAsync(IQueryable<Question> questions, IQueryable<Answer> answers, int limit, CancellationToken ct)
    {
        var both = await QuestionEntriesAsync(questions, limit, ct);
        both.AddRange(await AnswerEntriesAsync(answers, limit, ct));
        return [.. both.OrderByDescending(e => e.Published).ThenByDescending(e => e.Kind).ThenByDescending(e => e.Id).Take(limit)];
    }

    /// <summary>Summaries and comments together (a paper's feed), newest first.</summary>
    public static async Task<List<FeedEntry>> MixedAsync(IQueryable<Summary> summaries, IQueryable<Comment> comments, int limit, CancellationToken ct)
    {
        var both = await SummaryEntriesAsync(summaries, limit, ct);
        both.AddRange(await CommentEntriesAsync(comments, limit, ct));
        return [.. both.OrderByDescending(e => e.Published).ThenByDescending(e => e.Kind).ThenByDescending(e => e.Id).Take(limit)];
    }
}
