using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Follows;

/// <summary>
/// When a moderator merges a venue or an author into another, the people following the old one follow the one its
/// papers moved to (a venue's years too); whoever already followed both keeps one follow. Part of the merge's transaction.
/// </summary>
public static class FollowMoves
{
    public static async Task VenueAsync(ShortScienceDb db, string from, string to, CancellationToken ct)
    {
        await MoveAsync(db, FollowTarget.Venue, from, to, ct);
        var (venueYear, prefix) = ((int)FollowTarget.VenueYear, from + "/");
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM follows f WHERE f.target_type = {venueYear} AND starts_with(f.target_key, {prefix})
              AND EXISTS (SELECT 1 FROM follows g WHERE g.user_id = f.user_id AND g.target_type = {venueYear}
                          AND g.target_key = {to} || substr(f.target_key, {from.Length + 1}))
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE follows SET target_key = {to} || substr(target_key, {from.Length + 1})
            WHERE target_type = {venueYear} AND starts_with(target_key, {prefix})
            """, ct);
    }

    public static Task AuthorAsync(ShortScienceDb db, string from, string to, CancellationToken ct) => MoveAsync(db, FollowTarget.Author, from, to, ct);

    static async Task MoveAsync(ShortScienceDb db, FollowTarget type, string from, string to, CancellationToken ct)
    {
        await db.Follows.Where(f => f.TargetType == type && f.TargetKey == from
                && db.Follows.Any(g => g.UserId == f.UserId && g.TargetType == type && g.TargetKey == to))
            .ExecuteDeleteAsync(ct);
        await db.Follows.Where(f => f.TargetType == type && f.TargetKey == from).ExecuteUpdateAsync(f => f.SetProperty(x => x.TargetKey, to), ct);
    }
}
