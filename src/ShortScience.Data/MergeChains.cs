using Microsoft.EntityFrameworkCore;
using ShortScience.Data.Entities;

namespace ShortScience.Data;

/// <summary>
/// Venues and authors merged into another keep their row and slug, pointing at where they went; this follows
/// those pointers to the venue or author a slug stands for now.
/// </summary>
public static class MergeChains
{
    /// <summary>
    /// A merge rewrites older pointers to the new target, so chains are one hop long; the bound only stops a cycle
    /// that a hand-edited database could hold.
    /// </summary>
    public const int MaxHops = 20;

    /// <summary>The venue a slug stands for now (read-only), or null. Slugs are lower case; "NeurIPS" finds neurips.</summary>
    public static async Task<Venue?> VenueAsync(ShortScienceDb db, string slug, CancellationToken ct)
    {
        var key = slug.Trim().ToLowerInvariant();
        return await FollowAsync(await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Slug == key, ct), v => v.MergedIntoId,
            id => db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct));
    }

    /// <summary>The author a slug stands for now (read-only), or null.</summary>
    public static async Task<Author?> AuthorAsync(ShortScienceDb db, string slug, CancellationToken ct) =>
        await FollowAsync(await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct), a => a.MergedIntoId,
            id => db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct));

    /// <summary>The venue a tracked venue was merged into, tracked too (for writes).</summary>
    public static async Task<Venue> FinalAsync(ShortScienceDb db, Venue venue, CancellationToken ct) =>
        await FollowAsync(venue, v => v.MergedIntoId, id => db.Venues.FirstOrDefaultAsync(v => v.Id == id, ct)) ?? venue;

    /// <summary>The author a tracked author was merged into, tracked too (for writes).</summary>
    public static async Task<Author> FinalAsync(ShortScienceDb db, Author author, CancellationToken ct) =>
        await FollowAsync(author, a => a.MergedIntoId, id => db.Authors.FirstOrDefaultAsync(a => a.Id == id, ct)) ?? author;

    static async Task<T?> FollowAsync<T, TKey>(T? start, Func<T, TKey?> next, Func<TKey, Task<T?>> load)
        where T : class where TKey : struct
    {
        for (var hops = 0; start is not null && next(start) is { } id && hops < MaxHops; hops++)
        {
            start = await load(id);
        }
        return start;
    }
}
