using ShortScience.Api.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Api.Feeds;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Follows;

/// <summary>
/// Following venues, venue-years, years, tags, papers, authors and people: PUT/DELETE /me/follows/{type}/{key},
/// the list, its OPML export, and the timeline of new summaries from all of it.
/// </summary>
public static class FollowsApi
{
    public const int MaxFollows = 1000;

    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapFollowsApi(this RouteGroupBuilder me)
    {
        var follows = me.MapGroup("/").WithTags("Follows");
        follows.MapGet("/follows", ListAsync);
        follows.MapGet("/follows.opml", OpmlAsync);
        follows.MapGet("/follows/{type}/{**key}", StateAsync);
        follows.MapPut("/follows/{type}/{**key}", FollowAsync);
        follows.MapDelete("/follows/{type}/{**key}", UnfollowAsync);
        follows.MapGet("/timeline", TimelineAsync);
    }

    static async Task<Ok<List<FollowView>>> ListAsync(HttpContext http, ShortScienceDb db, CancellationToken ct) =>
        TypedResults.Ok(await FollowList.LoadAsync(db, http.User.RequiredUserId(), ct));

    static async Task<Results<Ok<FollowState>, ProblemHttpResult>> StateAsync(string type, string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        if (!FollowKinds.TryParse(type, out var target)) return UnknownType(type);
        var userId = http.User.RequiredUserId();
        key = Links.SegmentValue(key);
        var following = await db.Follows.AnyAsync(f => f.UserId == userId && f.TargetType == target && f.TargetKey == key, ct);
        return TypedResults.Ok(new FollowState(FollowKinds.Name(target), key, following));
    }

    static async Task<Results<Ok<FollowState>, ProblemHttpResult>> FollowAsync(
        string type, string key, HttpContext http, ShortScienceDb db, CacheEviction cache, TimeProvider clock, CancellationToken ct)
    {
        if (!FollowKinds.TryParse(type, out var target)) return UnknownType(type);
        if (await FollowKinds.ResolveAsync(db, target, Links.SegmentValue(key), ct) is not { } resolved)
        {
            return Problems.NotFound($"There is no {FollowKinds.Name(target)} '{key}' to follow.");
        }
        var userId = http.User.RequiredUserId();
        // Following again what one follows changes nothing, so it succeeds at the limit too.
        if (!await db.Follows.AnyAsync(f => f.UserId == userId && f.TargetType == resolved.Type && f.TargetKey == resolved.Key, ct)
            && await db.Follows.CountAsync(f => f.UserId == userId, ct) >= MaxFollows)
        {
            return Problems.Conflict($"You already follow {MaxFollows:N0} things; unfollow some first.");
        }
        // One statement, so a double click (two posts at once) follows once and fails neither.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO follows (user_id, target_type, target_key, created_at)
            VALUES ({userId}, {(int)resolved.Type}, {resolved.Key}, {clock.GetUtcNow()})
            ON CONFLICT (user_id, target_type, target_key) DO NOTHING
            """, ct);
        await cache.FollowingChangedAsync(userId, ct);
        return TypedResults.Ok(new FollowState(FollowKinds.Name(target), resolved.Key, true));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnfollowAsync(
        string type, string key, HttpContext http, ShortScienceDb db, CacheEviction cache, CancellationToken ct)
    {
        if (!FollowKinds.TryParse(type, out var target)) return UnknownType(type);
        var userId = http.User.RequiredUserId();
        var unescaped = Links.SegmentValue(key);
        await db.Follows.Where(f => f.UserId == userId && f.TargetType == target && f.TargetKey == unescaped).ExecuteDeleteAsync(ct);
        await cache.FollowingChangedAsync(userId, ct);
        return TypedResults.NoContent();
    }

    static async Task<IResult> OpmlAsync(HttpContext http, ShortScienceDb db, FeedLinks links, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var follows = await FollowList.LoadAsync(db, userId, ct);
        var owner = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
        var bytes = Opml.Write(owner, follows, links);
        return TypedResults.File(bytes, "text/x-opml; charset=utf-8", "shortscience-follows.opml");
    }

    static async Task<Results<Ok<Page<SummaryListItem>>, ProblemHttpResult>> TimelineAsync(
        string? cursor, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        const int take = 20;
        Cursor? after = null;
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var decoded)) return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
            after = decoded;
        }
        var items = await Timeline.Followed(db, http.User.RequiredUserId(), take + 1, after)
            .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .Select(SummaryProjections.ListItem)
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            next = new Cursor(items[^1].PublishedAt.UtcTicks, items[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<SummaryListItem>(items, next));
    }

    static ProblemHttpResult UnknownType(string type) =>
        Problems.BadRequest($"'{type}' is not something to follow: use venue, venue-year, year, tag, paper, author or user.", "type");
}
