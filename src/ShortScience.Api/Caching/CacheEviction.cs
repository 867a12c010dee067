using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Caching;

/// <summary>
/// The one place that maps a change to the cache tags it touches, and evicts them: the API's cached reads, its feeds,
/// and (through <see cref="CacheEvents"/>, or directly in a shared Redis store) the Web host's pages and edge feeds.
/// Write paths call <see cref="SummaryChangedAsync"/>, <see cref="CommentChangedAsync"/>, … after saving; the next
/// reader rebuilds. Tag names describe content (<see cref="CacheTags"/>: "paper:1706.03762"), and every cached entry
/// carries the tags of what it shows (<see cref="ReadTags"/>, <see cref="FeedDocument.CacheTags"/>), so a write
/// evicts that paper's page and API entries, the listings and feeds it appears in and the writer's profile, and
/// leaves every other paper's page cached. A visible write that declares nothing here evicts everything
/// (<see cref="ReadCacheEvictionMiddleware"/>): rare, wide changes (merges, renames, bans) stay correct that way.
/// </summary>
public sealed class CacheEviction(ShortScienceDb db, IOutputCacheStore store, CacheEvents events, ILogger<CacheEviction> logger)
{
    // The papers whose pages the change touched (exact keys), for their stored page documents.
    readonly HashSet<string> papers = new(StringComparer.Ordinal);

    public const string FeedsPolicy = "feeds";
    public const string Everything = CacheTags.Feeds;
    public const string AllSummaries = CacheTags.Summaries;
    public const string AllComments = CacheTags.Comments;
    public const string AllQuestions = CacheTags.Questions;
    public const string Search = CacheTags.Search;
    public const string AllFollowing = CacheTags.Following;


    /// <summary>Whether this request has declared (and evicted) what it changed.</summary>
    public bool Declared { get; private set; }

    /// <summary>The write turned out to change nothing a reader sees (a vote repeated): nothing is evicted.</summary>
    public void Unchanged() => Declared = true;

    /// <summary>
    /// Evictions for pages the write changed on the side (texts rendered again because a paper they cite changed); they
    /// do not stand for the write itself, which is still evicted by its own declaration or by the fallback.
    /// </summary>
    public async Task BesideTheWriteAsync(Func<Task> evict)
    {
        var declared = Declared;
        try
        {
            await evict();
        }
        finally
        {
            Declared = declared;
        }
    }

    /// <summary>A summary was published, edited, hidden, restored or deleted: every page, list and feed that could show it.</summary>
    public async Task SummaryChangedAsync(long summaryId, CancellationToken ct = default)
    {
        var tags = await SummaryTagsAsync(summaryId, ct);
        // Its comments come and go with it, and any search or personal timeline may hold it.
        tags.AddRange([AllSummaries, AllComments, Search, AllFollowing]);
        // The papers it and its comments cite list them under "cited by" only while the summary is shown.
        tags.AddRange(await CitedTagsAsync(db.Citations.Where(c => (c.SourceKind == CitationSource.Summary && c.SourceId == summaryId)
            || (c.SourceKind == CitationSource.Comment && db.Comments.Any(m => m.Id == c.SourceId && m.SummaryId == summaryId))), ct));
        await EvictAsync(tags, ct);
    }

    /// <summary>A vote: scores show on the target's pages, its paper's listings and its writer's profile; feeds carry no scores.</summary>
    public async Task VoteChangedAsync(VoteTarget target, long id, CancellationToken ct = default)
    {
        switch (target)
        {
            case VoteTarget.Summary:
                var tags = await SummaryTagsAsync(id, ct);
                tags.Add(AllSummaries); // the popular list
                await EvictAsync(tags, ct);
                break;
            case VoteTarget.Comment:
                await CommentChangedAsync(id, ct);
                break;
            case VoteTarget.Question:
                await QuestionChangedAsync(id, ct);
                break;
            case VoteTarget.Answer:
                await AnswerChangedAsync(id, ct);
                break;
            default:
                await EverythingChangedAsync(ct);
                break;
        }
    }

    /// <summary>A comment was posted, edited, hidden, restored or deleted: its summary's and paper's pages, the lists counting it, both writers' profiles, the comment feeds.</summary>
    public async Task CommentChangedAsync(long commentId, CancellationToken ct = default)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.SummaryId, c.Summary.Paper.Key, Writer = c.User.UserName, SummaryWriter = c.Summary.User.UserName })
            .FirstOrDefaultAsync(ct);
        List<string> tags = [AllComments, CacheTags.Comment(commentId)];
        if (comment is not null)
        {
            // Lists of summaries show their comment counts: the recent list and the summary writer's profile.
            tags.AddRange([PaperTag(comment.Key), CacheTags.Summary(comment.SummaryId), AllSummaries]);
            if (comment.Writer is not null) tags.Add(CacheTags.User(comment.Writer));
            if (comment.SummaryWriter is not null) tags.Add(CacheTags.User(comment.SummaryWriter));
        }
        tags.AddRange(await CitedTagsAsync(db.Citations.Where(c => c.SourceKind == CitationSource.Comment && c.SourceId == commentId), ct));
        await EvictAsync(tags, ct);
    }

    /// <summary>
    /// A question was asked, edited, accepted, hidden, restored or deleted: its page, its paper's, the question feeds,
    /// and the profiles listing it: the asker's questions and the answerers' answers (which name it and go with it).
    /// </summary>
    public async Task QuestionChangedAsync(long questionId, CancellationToken ct = default)
    {
        var question = await db.Questions.Where(q => q.Id == questionId)
            .Select(q => new { q.Paper.Key, Asker = q.User.UserName, Answerers = q.Answers.Select(a => a.User.UserName).Distinct().ToList() })
            .FirstOrDefaultAsync(ct);
        // A paper is found by its shown questions' words, so a search may hold this one.
        List<string> tags = [AllQuestions, CacheTags.Question(questionId), Search];
        if (question is not null)
        {
            tags.Add(PaperTag(question.Key));
            tags.AddRange(question.Answerers.Append(question.Asker).OfType<string>().Distinct().Select(CacheTags.User));
        }
        // Its answers' citations are listed only while the question is shown, so they come and go with it.
        tags.AddRange(await CitedTagsAsync(db.Citations.Where(c => (c.SourceKind == CitationSource.Question && c.SourceId == questionId)
            || (c.SourceKind == CitationSource.Answer && db.Answers.Any(a => a.Id == c.SourceId && a.QuestionId == questionId))), ct));
        await EvictAsync(tags, ct);
    }

    /// <summary>
    /// An answer came, changed or went: the same as its question, the answer itself, and the profiles listing them (its
    /// writer's answers, and the asker's questions, which count the answers).
    /// </summary>
    public async Task AnswerChangedAsync(long answerId, CancellationToken ct = default)
    {
        var answer = await db.Answers.Where(a => a.Id == answerId)
            .Select(a => new { a.QuestionId, a.Question.Paper.Key, Writer = a.User.UserName, Asker = a.Question.User.UserName }).FirstOrDefaultAsync(ct);
        List<string> tags = [AllQuestions, CacheTags.Answer(answerId)];
        if (answer is not null)
        {
            tags.AddRange([PaperTag(answer.Key), CacheTags.Question(answer.QuestionId)]);
            tags.AddRange(new[] { answer.Writer, answer.Asker }.OfType<string>().Select(CacheTags.User));
        }
        tags.AddRange(await CitedTagsAsync(db.Citations.Where(c => c.SourceKind == CitationSource.Answer && c.SourceId == answerId), ct));
        await EvictAsync(tags, ct);
    }

    /// <summary>A paper's metadata or visibility changed, or a paper was added: everything that shows it.</summary>
    public async Task PaperChangedAsync(string key, CancellationToken ct = default)
    {
        var id = await db.Papers.Where(p => p.Key == key).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        var tags = id is { } paperId ? await PaperTagsAsync(paperId, ct) : [PaperTag(key)];
        if (id is { } known)
        {
            var summaries = await db.Summaries.Where(s => s.PaperId == known).Select(s => new { s.Id, Writer = s.User.UserName }).ToListAsync(ct);
            tags.AddRange(summaries.Select(s => CacheTags.Summary(s.Id)));
            // Their writers' profiles and feeds show the paper's title (and lose the summaries when the paper is hidden).
            tags.AddRange(summaries.Where(s => s.Writer is not null).Select(s => CacheTags.User(s.Writer!)));
            // So do the profiles listing comments, questions and answers about it.
            var discussants = await db.Comments.Where(c => c.Summary.PaperId == known).Select(c => c.User.UserName)
                .Concat(db.Questions.Where(q => q.PaperId == known).Select(q => q.User.UserName))
                .Concat(db.Answers.Where(a => a.Question.PaperId == known).Select(a => a.User.UserName))
                .Distinct().ToListAsync(ct);
            tags.AddRange(discussants.OfType<string>().Select(CacheTags.User));
            // Every text about it that cites another paper is listed there with this paper's title, while this paper is shown.
            tags.AddRange(await CitedTagsAsync(db.Citations.Where(c => c.SourcePaperId == known), ct));
        }
        tags.AddRange([AllSummaries, AllComments, AllQuestions, Search, AllFollowing]);
        await EvictAsync(tags, ct);
    }

    /// <summary>A change too wide to trace (an account deleted): every cached read, page and feed goes.</summary>
    public Task EverythingChangedAsync(CancellationToken ct = default) => EvictAsync([Everything, CacheTags.Reads, CacheTags.Pages], ct, everything: true);

    /// <summary>
    /// Someone changed their profile. The name they go by shows on every page they wrote on, so a new name is a change
    /// too wide to trace; a new bio or affiliation shows only on their profile; a setting nobody else sees, nowhere.
    /// </summary>
    public Task ProfileChangedAsync(string userName, bool nameChanged, bool profileChanged, CancellationToken ct = default)
    {
        if (nameChanged) return EverythingChangedAsync(ct);
        if (profileChanged) return EvictAsync([CacheTags.User(userName)], ct);
        Unchanged();
        return Task.CompletedTask;
    }

    /// <summary>Figures were removed (take-down, their owner's account, orphans): their copies at the edge go.</summary>
    public Task FiguresRemovedAsync(IReadOnlyCollection<string> hashes, CancellationToken ct = default) =>
        hashes.Count == 0 ? Task.CompletedTask : EvictAsync(hashes.Select(CacheTags.Figure), ct);

    /// <summary>Someone's follows or private-feed token changed.</summary>
    public Task FollowingChangedAsync(Guid userId, CancellationToken ct = default) => EvictAsync([CacheTags.FollowingOf(userId)], ct);

    /// <summary>
    /// What a text cites changed (an edit added or dropped a <c>\cite</c>): the "cited by" lists of those papers' pages.
    /// Publishing, hiding or deleting the text evicts the papers it cites through the methods above.
    /// </summary>
    public async Task CitedPapersChangedAsync(IReadOnlyCollection<long> paperIds, CancellationToken ct = default)
    {
        if (paperIds.Count == 0) return;
        var keys = await db.Papers.AsNoTracking().Where(p => paperIds.Contains(p.Id)).Select(p => p.Key).ToListAsync(ct);
        await EvictAsync(keys.Select(PaperTag), ct);
    }

    // The pages of the papers these texts cite list them under "cited by".
    async Task<IEnumerable<string>> CitedTagsAsync(IQueryable<Citation> citations, CancellationToken ct) =>
        (await citations.AsNoTracking().Join(db.Papers, c => c.CitedPaperId, p => p.Id, (c, p) => p.Key).Distinct().ToListAsync(ct)).Select(PaperTag);

    async Task<List<string>> SummaryTagsAsync(long summaryId, CancellationToken ct)
    {
        var summary = await db.Summaries.AsNoTracking().Where(s => s.Id == summaryId)
            .Select(s => new { s.PaperId, Writer = s.User.UserName }).FirstOrDefaultAsync(ct);
        if (summary is null) return [CacheTags.Summary(summaryId)];
        var tags = await PaperTagsAsync(summary.PaperId, ct);
        tags.Add(CacheTags.Summary(summaryId));
        if (summary.Writer is not null) tags.Add(CacheTags.User(summary.Writer));
        return tags;
    }

    async Task<List<string>> PaperTagsAsync(long paperId, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Where(p => p.Id == paperId)
            .Select(p => new { p.Key, p.Year, Venue = p.Venue == null ? null : p.Venue.Slug, p.Keywords, Authors = p.Authors.Select(a => a.Author.Slug).ToList() })
            .FirstAsync(ct);
        var tags = new List<string> { PaperTag(paper.Key) };
        if (paper.Venue is not null) tags.AddRange([CacheTags.Venue(paper.Venue), CacheTags.Venues]);
        if (paper.Year is { } year)
        {
            tags.Add(CacheTags.Year(year));
            if (paper.Venue is not null) tags.Add(CacheTags.VenueYear(paper.Venue, year));
        }
        tags.AddRange(paper.Keywords.Select(CacheTags.Tag));
        tags.AddRange(paper.Authors.Select(CacheTags.Author));
        return tags;
    }

    // A paper's tag, remembering the paper so that its stored page document is marked out of date too.
    string PaperTag(string key)
    {
        papers.Add(key);
        return CacheTags.Paper(key);
    }

    async Task EvictAsync(IEnumerable<string> tags, CancellationToken ct, bool everything = false)
    {
        Declared = true;
        var evicted = tags.Append(CacheTags.Untraced).Distinct().ToArray();
        // First the stored page documents, then the caches: a reader refilling a cache after the eviction must not
        // find the old document still valid.
        try
        {
            if (everything) await Papers.PaperDocuments.EverythingChangedAsync(db, ct);
            else await Papers.PaperDocuments.ChangedAsync(db, papers, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not mark the page documents of {Papers} out of date", everything ? ["(all)"] : papers);
        }
        papers.Clear();
        // Entries whose dependencies nobody traced go with every change (the Untraced tag above).
        try
        {
            foreach (var tag in evicted) await store.EvictByTagAsync(tag, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The write already happened; a stale page or feed for a few minutes is better than a failed request.
            logger.LogWarning(ex, "Could not evict cache tags {Tags}", evicted);
        }
        events.Changed(everything ? null : evicted);
    }
}
