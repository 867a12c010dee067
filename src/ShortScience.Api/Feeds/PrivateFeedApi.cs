using System.Linq.Expressions;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Feeds;

/// <summary>
/// The secret URLs of a person's private feeds, "following" (<c>/me/feed</c>) and the reading list's new summaries
/// (<c>/me/reading-list-feed</c>): made the first time they ask for one, replaced or switched off on request, each
/// alone. A token is 256 random bits in lower-case hex.
/// </summary>
public static class PrivateFeedApi
{
    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapPrivateFeedApi(this RouteGroupBuilder me)
    {
        Map(me.MapGroup("/feed").WithTags("Feeds"), u => u.FeedToken, (links, token, format) => links.FollowingFeedPath(token, format));
        Map(me.MapGroup("/reading-list-feed").WithTags("Feeds", "ReadingList"), u => u.ReadingListFeedToken,
            (links, token, format) => links.ReadingListFeedPath(token, format));
    }

    static void Map(RouteGroupBuilder feed, Expression<Func<User, string?>> token, Func<FeedLinks, string, FeedFormat, string> path)
    {
        var none = Expression.Lambda<Func<User, bool>>(Expression.Equal(token.Body, Expression.Constant(null, typeof(string))), token.Parameters);
        PrivateFeed View(FeedLinks links, string value) =>
            new(value, links.Absolute(path(links, value, FeedFormat.Rss)), links.Absolute(path(links, value, FeedFormat.Atom)));

        feed.MapGet("/", async Task<Ok<PrivateFeed>> (HttpContext http, ShortScienceDb db, FeedLinks links, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            // Only sets a token where there is none, so two first requests at once agree on one.
            await db.Users.Where(u => u.Id == userId).Where(none).ExecuteUpdateAsync(u => u.SetProperty(token, NewToken()), ct);
            var value = await db.Users.Where(u => u.Id == userId).Select(token).FirstAsync(ct);
            return TypedResults.Ok(View(links, value!));
        });
        feed.MapPost("/regenerate", async Task<Ok<PrivateFeed>> (HttpContext http, ShortScienceDb db, FeedLinks links, CacheEviction cache, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            var value = NewToken();
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(token, value), ct);
            // The old URL's cached copy must go too, or it would keep answering until it expired.
            await cache.FollowingChangedAsync(userId, ct);
            return TypedResults.Ok(View(links, value));
        });
        feed.MapDelete("/", async Task<NoContent> (HttpContext http, ShortScienceDb db, CacheEviction cache, CancellationToken ct) =>
        {
            var userId = http.User.RequiredUserId();
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(token, (string?)null), ct);
            await cache.FollowingChangedAsync(userId, ct);
            return TypedResults.NoContent();
        });
    }

    static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
