using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Venues;

public static class VenueDetails
{
    /// <summary>A venue with its years (newest first); a merged venue's old slug answers with the venue it was merged into.</summary>
    public static async Task<VenueDetail?> LoadAsync(ShortScienceDb db, string slug, CancellationToken ct)
    {
        var venue = await MergeChains.VenueAsync(db, slug, ct);
        if (venue is null) return null;
        var years = await db.Papers.AsNoTracking()
            .Where(p => p.VenueId == venue.Id && p.Status == ContentStatus.Visible && p.Year != null)
            .GroupBy(p => p.Year!.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => new VenueYear(g.Key, g.Count(), g.Sum(p => p.SummaryCount)))
            .ToListAsync(ct);
        return new VenueDetail(venue.Slug, venue.ShortName, venue.Name, venue.Kind, venue.Url, years);
    }
}
