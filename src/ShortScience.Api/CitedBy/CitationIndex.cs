using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Caching;
using ShortScience.Api.Rendering;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.CitedBy;

/// <summary>
/// "Cited by": which summaries, comments, questions and answers cite a paper. Every save of such a text (and every
/// re-render) replaces the text's rows; whether the citing text is shown is read from the text at query time, so
/// hiding, deleting and unhiding need no bookkeeping and can never leave a stale link behind.
/// </summary>
public sealed class CitationIndex(ShortScienceDb db, CitationLookup lookup, CacheEviction caches, TimeProvider clock, ILogger<CitationIndex> logger)
{
    public const int MaxCitingTexts = 200;

    /// <summary>Replaces what a text cites with what its Markdown cites now.</summary>
    public async Task RecordAsync(CitationSource kind, long sourceId, long sourcePaperId, string markdown, CancellationToken ct = default)
    {
        var cited = (await lookup.CitedPaperIdsAsync(markdown, ct)).Where(id => id != sourcePaperId).ToList();
        var before = await db.Citations.AsNoTracking().Where(c => c.SourceKind == kind && c.SourceId == sourceId)
            .Select(c => c.CitedPaperId).ToListAsync(ct);
        await db.Citations.Where(c => c.SourceKind == kind && c.SourceId == sourceId && !cited.Contains(c.CitedPaperId)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var paperId in cited)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO citations (source_kind, source_id, source_paper_id, cited_paper_id, created_at)
                VALUES ({(int)kind}, {sourceId}, {sourcePaperId}, {paperId}, {now})
                ON CONFLICT (source_kind, source_id, cited_paper_id) DO NOTHING
                """, ct);
        }
        // Papers that gained or lost this text from their "cited by" list show it on their cached pages.
        var changed = before.Except(cited).Concat(cited.Except(before)).ToList();
        if (changed.Count > 0) await caches.CitedPapersChangedAsync(changed, ct);
        if (cited.Count > 0) logger.LogInformation("{Kind} {SourceId} cites {Count} papers", kind, sourceId, cited.Count);
    }

    public Task RecordSummaryAsync(long summaryId, CancellationToken ct = default) => RecordFromAsync(CitationSource.Summary, summaryId,
        db.Summaries.Where(s => s.Id == summaryId).Select(s => new Source(s.PaperId, s.Current != null ? s.Current.Markdown : "")), ct);

    public Task RecordCommentAsync(long commentId, CancellationToken ct = default) => RecordFromAsync(CitationSource.Comment, commentId,
        db.Comments.Where(c => c.Id == commentId).Select(c => new Source(c.Summary.PaperId, c.Markdown)), ct);

    public Task RecordQuestionAsync(long questionId, CancellationToken ct = default) => RecordFromAsync(CitationSource.Question, questionId,
        db.Questions.Where(q => q.Id == questionId).Select(q => new Source(q.PaperId, q.Markdown)), ct);

    public Task RecordAnswerAsync(long answerId, CancellationToken ct = default) => RecordFromAsync(CitationSource.Answer, answerId,
        db.Answers.Where(a => a.Id == answerId).Select(a => new Source(a.Question.PaperId, a.Markdown)), ct);

    sealed record Source(long PaperId, string Markdown);

    async Task RecordFromAsync(CitationSource kind, long id, IQueryable<Source> query, CancellationToken ct)
    {
        if (await query.AsNoTracking().FirstOrDefaultAsync(ct) is { } source) await RecordAsync(kind, id, source.PaperId, source.Markdown, ct);
    }

    /// <summary>The shown texts that cite a paper, newest first, each with the paper it is about.</summary>
    public static async Task<List<CitingText>> CitedByAsync(ShortScienceDb db, long paperId, CancellationToken ct)
    {
        // One statement: the four kinds of citing text, each only while it and its paper are shown, newest first.
        var citations = db.Citations.AsNoTracking().Where(c => c.CitedPaperId == paperId);
        var summaries = citations.Where(c => c.SourceKind == CitationSource.Summary)
            .Join(db.Summaries.Where(s => s.Status == SummaryStatus.Published && s.Paper.Status == ContentStatus.Visible), c => c.SourceId, s => s.Id,
                (c, s) => new { Kind = CitationSource.Summary, s.Id, SummaryId = (long?)null, s.Paper.Key, s.Paper.Title, At = s.PublishedAt ?? s.CreatedAt, Author = s.Anonymous ? null : s.User.UserName, AuthorName = s.Anonymous ? null : s.User.DisplayName });
        var comments = citations.Where(c => c.SourceKind == CitationSource.Comment)
            .Join(db.Comments.Where(m => m.Status == ContentStatus.Visible && m.Summary.Status == SummaryStatus.Published
                && m.Summary.Paper.Status == ContentStatus.Visible), c => c.SourceId, m => m.Id,
                (c, m) => new { Kind = CitationSource.Comment, m.Id, SummaryId = (long?)m.SummaryId, m.Summary.Paper.Key, m.Summary.Paper.Title, At = m.CreatedAt,
                    // The anonymous author of a summary stays anonymous in the comments on it, here as in the thread.
                    Author = m.Summary.Anonymous && m.UserId == m.Summary.UserId ? null : m.User.UserName,
                    AuthorName = m.Summary.Anonymous && m.UserId == m.Summary.UserId ? null : m.User.DisplayName });
        var questions = citations.Where(c => c.SourceKind == CitationSource.Question)
            .Join(db.Questions.Where(q => q.Status == ContentStatus.Visible && q.Paper.Status == ContentStatus.Visible), c => c.SourceId, q => q.Id,
                (c, q) => new { Kind = CitationSource.Question, q.Id, SummaryId = (long?)null, q.Paper.Key, q.Paper.Title, At = q.CreatedAt, Author = q.User.UserName, AuthorName = (string?)q.User.DisplayName });
        var answers = citations.Where(c => c.SourceKind == CitationSource.Answer)
            .Join(db.Answers.Where(a => a.Status == ContentStatus.Visible && a.Question.Status == ContentStatus.Visible
                && a.Question.Paper.Status == ContentStatus.Visible), c => c.SourceId, a => a.Id,
                (c, a) => new { Kind = CitationSource.Answer, a.Id, SummaryId = (long?)null, a.Question.Paper.Key, a.Question.Paper.Title, At = a.CreatedAt, Author = a.User.UserName, AuthorName = (string?)a.User.DisplayName });
        var rows = await summaries.Concat(comments).Concat(questions).Concat(answers)
            .OrderByDescending(r => r.At).Take(MaxCitingTexts).ToListAsync(ct);

        return rows.Select(r => r.Kind switch
        {
            CitationSource.Summary => new CitingText("summary", r.Id, new CitingPaper(r.Key, r.Title), Links.Summary(r.Key, r.Id), r.Author, r.At, r.AuthorName),
            CitationSource.Comment => new CitingText("comment", r.Id, new CitingPaper(r.Key, r.Title), Links.Comment(r.Key, r.SummaryId!.Value, r.Id), r.Author, r.At, r.AuthorName),
            CitationSource.Question => new CitingText("question", r.Id, new CitingPaper(r.Key, r.Title), Links.Question(r.Key, r.Id), r.Author, r.At, r.AuthorName),
            _ => new CitingText("answer", r.Id, new CitingPaper(r.Key, r.Title), Links.Answer(r.Key, r.Id), r.Author, r.At, r.AuthorName),
        }).ToList();
    }
}
