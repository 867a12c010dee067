using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Users;

/// <summary>A person's public summaries and comments, newest first, for their profile.</summary>
public static class UserActivityApi
{
    public static void MapUserActivityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{name}/summaries", SummariesAsync).WithTags("Accounts");
        api.MapGet("/users/{name}/comments", CommentsAsync).WithTags("Accounts");
    }

    static async Task<Results<Ok<Page<SummaryListItem>>, ProblemHttpResult>> SummariesAsync(
        string name, string? cursor, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        // Anonymous summaries stay off the public profile; their author still sees them there.
        var self = http.User.UserId() == userId;
        var query = db.Summaries.AsNoTracking()
            .Where(s => s.UserId == userId && s.Status == SummaryStatus.Published && s.Paper.Status == ContentStatus.Visible && (self || !s.Anonymous));
        if (Cursor.TryDecode(cursor, out var after))
        {
            var at = new DateTimeOffset(after.Value, TimeSpan.Zero);
            query = query.Where(s => s.PublishedAt < at || (s.PublishedAt == at && s.Id < after.Id));
        }
        var items = await query.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(21)
            .Select(s => new SummaryListItem(s.Id,
                new PaperHeader(s.Paper.Key, s.Paper.Title,
                    s.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    s.Paper.Venue == null ? null : new VenueRef(s.Paper.Venue.Slug, s.Paper.Venue.ShortName, s.Paper.Venue.Name), s.Paper.Year),
                new UserRef(s.User.UserName!, s.User.DisplayName), s.Anonymous, s.Score, s.CommentCount, s.PublishedAt!.Value, s.UpdatedAt,
                s.Current!.ExcerptHtml))
            .ToListAsync(ct);
        return TypedResults.Ok(PageOf(items, i => new Cursor(i.PublishedAt.UtcTicks, i.Id)));
    }

    static async Task<Results<Ok<Page<UserCommentItem>>, ProblemHttpResult>> CommentsAsync(
        string name, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        var query = db.Comments.AsNoTracking().Where(c => c.UserId == userId && c.Status == ContentStatus.Visible
            && c.Summary.Status == SummaryStatus.Published && c.Summary.Paper.Status == ContentStatus.Visible);
        if (Cursor.TryDecode(cursor, out var after)) query = query.Where(c => c.Id < after.Id);
        var items = await query.OrderByDescending(c => c.Id).Take(21)
            .Select(c => new UserCommentItem(c.Id, c.SummaryId, c.Summary.Paper.Key, c.Summary.Paper.Title, c.Html, c.Score, c.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(PageOf(items, i => new Cursor(0, i.Id)));
    }

    static Page<T> PageOf<T>(List<T> items, Func<T, Cursor> cursorOf)
    {
        string? next = null;
        if (items.Count > 20)
        {
            items.RemoveAt(20);
            next = cursorOf(items[^1]).Encode();
        }
        return new Page<T>(items, next);
    }

    static Task<Guid?> UserIdAsync(ShortScienceDb db, string name, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
