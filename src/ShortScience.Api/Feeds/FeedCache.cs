using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ShortScience.Data;

namespace ShortScience.Api.Feeds;

/// <summary>
/// Output-cache tags for feeds, and evicting them when content changes. Write paths call
/// <see cref="SummaryChangedAsync"/> / <see cref="CommentChangedAsync"/> after saving; the next reader rebuilds.
/// Tag names describe content, not feeds ("paper:1706.03762"), so page caching can reuse them.
/// </summary>
public sealed class FeedCache(ShortScienceDb db, IOutputCacheStore store, ILogger<FeedCache> logger)
{
    public const string Policy = "feeds";
    public const string Everything = "feeds";
    public const string AllSummaries = "summaries";
    public const string AllComments = "comments";
    public const string AllQuestions = "questions";
    public const string Search = "search";
    public const string AllFollowing = "following";

    public static string Paper(string key) => "paper:" + key;
    public static string Venue(string slug) => "venue:" + slug;
    public static string VenueYear(string slug, int year) => $"venue-year:{slug}/{year.ToString(CultureInfo.InvariantCulture)}";
    public static string Year(int year) => "year:" + year.ToString(CultureInfo.InvariantCulture);
    public static string Tag(string tag) => "tag:" + tag;
    public static string Author(string slug) => "author:" + slug;
    public static string User(string userName) => "user:" + userName.ToLowerInvariant();
    public static string Following(Guid userId) => "following:" + userId.ToString("N");

    /// <summary>A summary was published, edited, hidden, restored or deleted: every feed that could list it.</summary>
    public async Task SummaryChangedAsync(long summaryId, CancellationToken ct = default)
    {
        var paperId = await db.Summaries.Where(s => s.Id == summaryId).Select(s => (long?)s.PaperId).FirstOrDefaultAsync(ct);
        var tags = paperId is { } id ? await PaperTagsAsync(id, ct) : [];
        var author = await db.Summaries.Where(s => s.Id == summaryId).Select(s => s.User.UserName).FirstOrDefaultAsync(ct);
        if (author is not null) tags.Add(User(author));
        // Its comments come and go with it, and any search or personal timeline may hold it.
        tags.AddRange([AllSummaries, AllComments, Search, AllFollowing]);
        await EvictAsync(tags, ct);
    }

    /// <summary>A comment was posted, edited, hidden, restored or deleted: the comment feeds and its paper's feed.</summary>
    public async Task CommentChangedAsync(long commentId, CancellationToken ct = default)
    {
        var key = await db.Comments.Where(c => c.Id == commentId).Select(c => c.Summary.Paper.Key).FirstOrDefaultAsync(ct);
        await EvictAsync(key is null ? [AllComments] : [AllComments, Paper(key)], ct);
    }

    /// <summary>A question was asked, edited, accepted, hidden, restored or deleted: the question feeds and its paper's.</summary>
    public async Task QuestionChangedAsync(long questionId, CancellationToken ct = default)
    {
        var key = await db.Questions.Where(q => q.Id == questionId).Select(q => q.Paper.Key).FirstOrDefaultAsync(ct);
        await EvictAsync(key is null ? [AllQuestions] : [AllQuestions, Paper(key)], ct);
    }

    /// <summary>An answer came, changed or went: the same feeds as its question.</summary>
    public async Task AnswerChangedAsync(long answerId, CancellationToken ct = default)
    {
        var key = await db.Answers.Where(a => a.Id == answerId).Select(a => a.Question.Paper.Key).FirstOrDefaultAsync(ct);
        await EvictAsync(key is null ? [AllQuestions] : [AllQuestions, Paper(key)], ct);
    }

    /// <summary>A paper's metadata or visibility changed: everything that shows it.</summary>
    public async Task PaperChangedAsync(string key, CancellationToken ct = default)
    {
        var id = await db.Papers.Where(p => p.Key == key).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        var tags = id is { } paperId ? await PaperTagsAsync(paperId, ct) : [Paper(key)];
        tags.AddRange([AllSummaries, AllComments, AllQuestions, Search, AllFollowing]);
        await EvictAsync(tags, ct);
    }

    /// <summary>A change too wide to trace (an account deleted): every cached feed goes.</summary>
    public Task EverythingChangedAsync(CancellationToken ct = default) => EvictAsync([Everything], ct);

    /// <summary>Someone's follows or private-feed token changed.</summary>
    public Task FollowingChangedAsync(Guid userId, CancellationToken ct = default) => EvictAsync([Following(userId)], ct);

    async Task<List<string>> PaperTagsAsync(long paperId, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Where(p => p.Id == paperId)
            .Select(p => new { p.Key, p.Year, Venue = p.Venue == null ? null : p.Venue.Slug, p.Keywords, Authors = p.Authors.Select(a => a.Author.Slug).ToList() })
            .FirstAsync(ct);
        var tags = new List<string> { Paper(paper.Key) };
        if (paper.Venue is not null) tags.Add(Venue(paper.Venue));
        if (paper.Year is { } year)
        {
            tags.Add(Year(year));
            if (paper.Venue is not null) tags.Add(VenueYear(paper.Venue, year));
        }
        tags.AddRange(paper.Keywords.Select(Tag));
        tags.AddRange(paper.Authors.Select(Author));
        return tags;
    }

    async Task EvictAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        try
        {
            foreach (var tag in tags.Distinct()) await store.EvictByTagAsync(tag, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The write already happened; a stale feed for a few minutes is better than a failed request.
            logger.LogWarning(ex, "Could not evict feed cache tags");
        }
    }
}
