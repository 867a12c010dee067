using ShortScience.Api.Feeds;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Follows;

/// <summary>The things a person can follow, by the names URLs use, and the canonical key each is stored under.</summary>
public static class FollowKinds
{
    public sealed record Resolved(FollowTarget Type, string Key, string Title);

    static readonly Dictionary<string, FollowTarget> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["venue"] = FollowTarget.Venue, ["venue-year"] = FollowTarget.VenueYear, ["year"] = FollowTarget.Year, ["tag"] = FollowTarget.Tag,
        ["paper"] = FollowTarget.Paper, ["author"] = FollowTarget.Author, ["user"] = FollowTarget.User,
    };

    public static bool TryParse(string name, out FollowTarget type) => ByName.TryGetValue(name, out type);

    public static string Name(FollowTarget type) => type switch
    {
        FollowTarget.VenueYear => "venue-year",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The site page of a followed thing ("/venues/neurips/2017").</summary>
    public static string PagePath(FollowTarget type, string key) => type switch
    {
        FollowTarget.Venue or FollowTarget.VenueYear => "/venues/" + key,
        FollowTarget.Year => "/years/" + key,
        FollowTarget.Tag => "/tags/" + Uri.EscapeDataString(key),
        FollowTarget.Paper => "/papers/" + key,
        FollowTarget.Author => "/authors/" + key,
        _ => "/users/" + key,
    };

    /// <summary>Its public RSS feed, the same path under /feeds.</summary>
    public static string FeedPath(FollowTarget type, string key) => "/feeds" + PagePath(type, key) + ".rss";

    /// <summary>Checks that the target exists and gives its canonical key (merged venues and authors resolved); null if none.</summary>
    public static async Task<Resolved?> ResolveAsync(ShortScienceDb db, FollowTarget type, string key, CancellationToken ct)
    {
        key = key.Trim();
        if (key.Length is 0 or > 200) return null;
        switch (type)
        {
            case FollowTarget.Venue:
                return await MergeChains.VenueAsync(db, key, ct) is { } venue ? new(type, venue.Slug, venue.ShortName) : null;
            case FollowTarget.VenueYear:
                var parts = key.Split('/');
                if (parts.Length != 2 || !FeedTargets.TryYear(parts[1], out var year)) return null;
                return await MergeChains.VenueAsync(db, parts[0], ct) is { } v ? new(type, $"{v.Slug}/{FeedTargets.Year(year)}", $"{v.ShortName} {year}") : null;
            case FollowTarget.Year:
                return FeedTargets.TryYear(key, out var y) ? new(type, FeedTargets.Year(y), $"Papers of {y}") : null;
            case FollowTarget.Tag:
                return key.Length <= 100 ? new(type, key, key) : null;
            case FollowTarget.Paper:
                return await FeedTargets.PaperAsync(db, key, ct) is { } paper ? new(type, paper.Key, paper.Title) : null;
            case FollowTarget.Author:
                return await MergeChains.AuthorAsync(db, key, ct) is { } author ? new(type, author.Slug, author.Name) : null;
            case FollowTarget.User:
                return await FeedTargets.UserAsync(db, key, ct) is { } user ? new(type, user.UserName, user.DisplayName) : null;
            default:
                return null;
        }
    }
}
