using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Caching;
using ShortScience.Api.Feeds;
using ShortScience.Api.Rendering;
using ShortScience.Contracts;
using ShortScience.Core.Rendering;
using ShortScience.Core.Search;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.CitedBy;

/// <summary>Texts named by kind: summaries by their shown revision, with the summary ids beside them.</summary>
public sealed record CitingTexts(
    IReadOnlyList<long> SummaryIds, IReadOnlyList<long> RevisionIds, IReadOnlyList<long> CommentIds,
    IReadOnlyList<long> QuestionIds, IReadOnlyList<long> AnswerIds)
{
    public int Count => SummaryIds.Count + CommentIds.Count + QuestionIds.Count + AnswerIds.Count;
}

/// <summary>
/// A <c>\cite</c> is resolved when its text is saved, so a text written before its paper was here linked to "add this
/// paper" (or arXiv, doi.org) and was missing from the paper's "cited by". When papers change how they can be cited
/// (added, given a new key, arXiv id or DOI by an import or an edit, retitled, hidden or shown again), the texts that
/// cite them, by any of their ids or by a recorded citation, are rendered again and their citations recorded, like a
/// Wiki's red links turning blue when the page is created.
/// </summary>
/// <remarks>
/// The texts are marked stale before they are rendered again, so work cut short by a crash is finished by the
/// re-render at the next start. Texts are found by their Markdown (only those with a <c>\cite</c> are read) and checked
/// with the renderer's own parser before anything is rendered.
/// </remarks>
public sealed class CitationCatchUp(
    ShortScienceDb db, StaleContentRerenderer rerenderer, CitationIndex index, CacheEviction caches, FeedContent feeds,
    ILogger<CitationCatchUp> logger)
{
    /// <summary>Beyond this many texts one eviction of everything is cheaper than one per text.</summary>
    const int EvictOneByOne = 50;
    const int Batch = 500;
    /// <summary>
    /// Up to this many ids PostgreSQL picks the texts that mention one (<c>ILIKE ANY</c>); with more (a large .bib
    /// import), matching every pattern against every text costs more than reading the texts that cite anything once
    /// and checking their citations here.
    /// </summary>
    const int PatternsInQuery = 32;

    /// <summary>
    /// Runs after the papers' change is saved, to the end even if the client that made it goes away (it takes no
    /// request's cancellation): the change is done, and so must be what follows from it.
    /// </summary>
    public async Task PapersChangedAsync(IReadOnlyCollection<long> paperIds)
    {
        if (paperIds.Count == 0) return;
        var ct = CancellationToken.None;
        var texts = await FindAsync(paperIds, ct);
        if (texts.Count == 0) return;
        logger.LogInformation("Rendering again {Count} texts that cite {Papers} changed papers", texts.Count, paperIds.Count);
        await MarkStaleAsync(texts, ct);
        await rerenderer.RerenderAsync(texts, ct);
        feeds.Forget(texts);
        // The pages showing these texts and the cited papers' pages (recording a citation evicts them); what the write
        // itself changed is still the caller's to declare.
        await caches.BesideTheWriteAsync(async () =>
        {
            foreach (var id in texts.SummaryIds) await index.RecordSummaryAsync(id, ct);
            foreach (var id in texts.CommentIds) await index.RecordCommentAsync(id, ct);
            foreach (var id in texts.QuestionIds) await index.RecordQuestionAsync(id, ct);
            foreach (var id in texts.AnswerIds) await index.RecordAnswerAsync(id, ct);
            if (texts.Count > EvictOneByOne)
            {
                await caches.EverythingChangedAsync(ct);
                return;
            }
            foreach (var id in texts.SummaryIds) await caches.SummaryChangedAsync(id, ct);
            foreach (var id in texts.CommentIds) await caches.CommentChangedAsync(id, ct);
            foreach (var id in texts.QuestionIds) await caches.QuestionChangedAsync(id, ct);
            foreach (var id in texts.AnswerIds) await caches.AnswerChangedAsync(id, ct);
        });
    }

    /// <summary>The texts that mention any id of the papers in a <c>\cite</c>, and those recorded as citing them.</summary>
    async Task<CitingTexts> FindAsync(IReadOnlyCollection<long> paperIds, CancellationToken ct)
    {
        var papers = await db.Papers.AsNoTracking().Where(p => paperIds.Contains(p.Id))
            .Select(p => new { p.Key, p.BibtexKey, p.ArxivId, p.Doi }).ToListAsync(ct);
        var aliases = await db.PaperAliases.AsNoTracking().Where(a => paperIds.Contains(a.PaperId)).Select(a => a.NormalizedKey).ToListAsync(ct);
        var ids = papers.SelectMany(p => new[] { p.Key, p.BibtexKey, p.ArxivId, p.Doi }).Concat(aliases)
            .OfType<string>().Where(i => i.Length > 0).Select(i => i.ToLowerInvariant()).ToHashSet();
        // dblp keys of arXiv papers (journals/corr/abs-1406-2661) hold the arXiv id with dashes.
        var patterns = ids.Concat(papers.Where(p => p.ArxivId is not null).Select(p => "abs-" + p.ArxivId!.ToLowerInvariant().Replace('.', '-')))
            .Select(i => "%" + Escape(i) + "%").ToList();

        bool Cites(string markdown) => Citations.FindIds(markdown).Any(id => ids.Contains(id.Value.ToLowerInvariant())
            || (id.Kind == CitationKind.Key && LegacyKeys.TryArxivId(id.Value, out var arxiv) && ids.Contains(arxiv.Id.ToLowerInvariant())));

        var recorded = await db.Citations.AsNoTracking().Where(c => paperIds.Contains(c.CitedPaperId))
            .Select(c => new { c.SourceKind, c.SourceId }).Distinct().ToListAsync(ct);
        HashSet<long> Recorded(CitationSource kind) => recorded.Where(r => r.SourceKind == kind).Select(r => r.SourceId).ToHashSet();

        var summaries = await MentioningAsync(db.Summaries.Where(s => s.Current != null)
            .Select(s => new Text { Id = s.Id, Markdown = s.Current!.Markdown }), patterns, Cites, Recorded(CitationSource.Summary), ct);
        var comments = await MentioningAsync(db.Comments.Select(c => new Text { Id = c.Id, Markdown = c.Markdown }), patterns, Cites, Recorded(CitationSource.Comment), ct);
        var questions = await MentioningAsync(db.Questions.Select(q => new Text { Id = q.Id, Markdown = q.Markdown }), patterns, Cites, Recorded(CitationSource.Question), ct);
        var answers = await MentioningAsync(db.Answers.Select(a => new Text { Id = a.Id, Markdown = a.Markdown }), patterns, Cites, Recorded(CitationSource.Answer), ct);
        var revisions = summaries.Count == 0 ? [] : await db.Summaries.AsNoTracking()
            .Where(s => summaries.Contains(s.Id) && s.CurrentRevisionId != null).Select(s => s.CurrentRevisionId!.Value).ToListAsync(ct);
        return new CitingTexts(summaries, revisions, comments, questions, answers);
    }

    sealed class Text
    {
        public long Id { get; init; }
        public string Markdown { get; init; } = "";
    }

    /// <summary>Ids of the texts whose Markdown cites the papers, read in batches, plus those recorded as citing them.</summary>
    static async Task<List<long>> MentioningAsync(IQueryable<Text> texts, List<string> patterns, Func<string, bool> cites, HashSet<long> recorded,
        CancellationToken ct)
    {
        var found = new HashSet<long>(recorded);
        var citing = texts.Where(t => EF.Functions.Like(t.Markdown, "%cite%"));
        if (patterns.Count <= PatternsInQuery) citing = citing.Where(t => patterns.Any(p => EF.Functions.ILike(t.Markdown, p)));
        long after = 0;
        while (true)
        {
            var batch = await citing.Where(t => t.Id > after).OrderBy(t => t.Id).Take(Batch).AsNoTracking().ToListAsync(ct);
            foreach (var text in batch.Where(t => cites(t.Markdown))) found.Add(text.Id);
            if (batch.Count < Batch) return [.. found];
            after = batch[^1].Id;
        }
    }

    static string Escape(string id) => id.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>Marked first, so a catch-up cut short is finished by the re-render of stale texts at the next start.</summary>
    async Task MarkStaleAsync(CitingTexts texts, CancellationToken ct)
    {
        if (texts.RevisionIds.Count > 0)
            await db.SummaryRevisions.Where(r => texts.RevisionIds.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.RendererVersion, 0), ct);
        if (texts.CommentIds.Count > 0)
            await db.Comments.Where(c => texts.CommentIds.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.RendererVersion, 0), ct);
        if (texts.QuestionIds.Count > 0)
            await db.Questions.Where(q => texts.QuestionIds.Contains(q.Id)).ExecuteUpdateAsync(u => u.SetProperty(q => q.RendererVersion, 0), ct);
        if (texts.AnswerIds.Count > 0)
            await db.Answers.Where(a => texts.AnswerIds.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.RendererVersion, 0), ct);
    }
}
