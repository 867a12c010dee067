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
                    s.Paper.Year, s.Paper.ArxivId, s.Paper.Doi, s.Paper.BibtexKey, s.Paper.Keywords),
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
                    c.Summary.Paper.Year, c.Summary.Paper.ArxivId, c.Summary.Paper.Doi, c.Summary.Paper.BibtexKey, c.Summary.Paper.Keywords),
                // The anonymous author answering under their own summary stays anonymous (see CommentThreads).
                c.Summary.Anonymous && c.UserId == c.Summary.UserId ? new UserRef("", AnonymousAuthor.DisplayName) : new UserRef(c.User.UserName!, c.User.DisplayName),
                c.CreatedAt, c.UpdatedAt, c.Id, c.RendererVersion))
            .AsSplitQuery()
            .ToListAsync(ct);

    /// <summary>Summaries and comments together (a paper's feed), newest first.</summary>
    public static async Task<List<FeedEntry>> MixedAsync(IQueryable<Summary> summaries, IQueryable<Comment> comments, int limit, CancellationToken ct)
    {
        var both = await SummaryEntriesAsync(summaries, limit, ct);
        both.AddRange(await CommentEntriesAsync(comments, limit, ct));
        return [.. both.OrderByDescending(e => e.Published).ThenByDescending(e => e.Kind).ThenByDescending(e => e.Id).Take(limit)];
    }
}
