using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Follows;

/// <summary>A person's follows with readable titles, looked up a kind at a time (not one query per follow).</summary>
public static class FollowList
{
    public static async Task<List<FollowView>> LoadAsync(ShortScienceDb db, Guid userId, CancellationToken ct)
    {
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId)
            .OrderBy(f => f.TargetType).ThenBy(f => f.TargetKey).ToListAsync(ct);
        List<string> Keys(FollowTarget type) => follows.Where(f => f.TargetType == type).Select(f => f.TargetKey).ToList();

        var venueSlugs = Keys(FollowTarget.Venue).Concat(Keys(FollowTarget.VenueYear).Select(k => k.Split('/')[0])).Distinct().ToList();
        var venues = await db.Venues.Where(v => venueSlugs.Contains(v.Slug)).ToDictionaryAsync(v => v.Slug, v => v.ShortName, ct);
        var paperKeys = Keys(FollowTarget.Paper);
        // A hidden paper's title is not shown (its key stays, so it can be unfollowed).
        var papers = await db.Papers.Where(p => paperKeys.Contains(p.Key) && p.Status == ContentStatus.Visible).ToDictionaryAsync(p => p.Key, p => p.Title, ct);
        var authorSlugs = Keys(FollowTarget.Author);
        var authors = await db.Authors.Where(a => authorSlugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, a => a.Name, ct);
        var userNames = Keys(FollowTarget.User);
        var users = await db.Users.Where(u => userNames.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);

        string Title(Follow f) => f.TargetType switch
        {
            FollowTarget.Venue => venues.GetValueOrDefault(f.TargetKey, f.TargetKey),
            FollowTarget.VenueYear when f.TargetKey.Split('/') is [var slug, var year] => $"{venues.GetValueOrDefault(slug, slug)} {year}",
            FollowTarget.Year => $"Papers of {f.TargetKey}",
            FollowTarget.Paper => papers.GetValueOrDefault(f.TargetKey, f.TargetKey),
            FollowTarget.Author => authors.GetValueOrDefault(f.TargetKey, f.TargetKey),
            FollowTarget.User => users.GetValueOrDefault(f.TargetKey, f.TargetKey),
            _ => f.TargetKey,
        };
        return follows.ConvertAll(f => new FollowView(FollowKinds.Name(f.TargetType), f.TargetKey, Title(f),
            FollowKinds.PagePath(f.TargetType, f.TargetKey), FollowKinds.FeedPath(f.TargetType, f.TargetKey), f.CreatedAt));
    }
}
