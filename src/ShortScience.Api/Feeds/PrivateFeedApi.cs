using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Feeds;

/// <summary>
/// The secret URL of a person's "following" feed: made the first time they ask for it, replaced or revoked on
/// request. The token is 256 random bits in lower-case hex, so URL case-folding (the output cache's keys) is harmless.
/// </summary>
public static class PrivateFeedApi
{
    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapPrivateFeedApi(this RouteGroupBuilder me)
    {
        var feed = me.MapGroup("/feed").WithTags("Feeds");
        feed.MapGet("/", GetAsync);
        feed.MapPost("/regenerate", RegenerateAsync);
        feed.MapDelete("/", RevokeAsync);
    }

    static async Task<Ok<PrivateFeed>> GetAsync(HttpContext http, ShortScienceDb db, FeedLinks links, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        // Only sets a token where there is none, so two first requests at once agree on one.
        await db.Users.Where(u => u.Id == userId && u.FeedToken == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.FeedToken, NewToken()), ct);
        var token = await db.Users.Where(u => u.Id == userId).Select(u => u.FeedToken!).FirstAsync(ct);
        return TypedResults.Ok(View(token, links));
    }

    static async Task<Ok<PrivateFeed>> RegenerateAsync(HttpContext http, ShortScienceDb db, FeedLinks links, CacheEviction cache, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var token = NewToken();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.FeedToken, token), ct);
        // The old URL's cached copy must go too, or it would keep answering until it expired.
        await cache.FollowingChangedAsync(userId, ct);
        return TypedResults.Ok(View(token, links));
    }

    static async Task<NoContent> RevokeAsync(HttpContext http, ShortScienceDb db, CacheEviction cache, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.FeedToken, (string?)null), ct);
        await cache.FollowingChangedAsync(userId, ct);
        return TypedResults.NoContent();
    }

    static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    static PrivateFeed View(string token, FeedLinks links) =>
        new(token, links.Absolute(links.FollowingFeedPath(token, FeedFormat.Rss)), links.Absolute(links.FollowingFeedPath(token, FeedFormat.Atom)));
}
