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
    public static async Task<VenueDetail?> LoadAsync(ShortScienceDb db, string slug, CancellationToken ct) =>
        (await LoadWithIdAsync(db, slug, ct))?.Detail;

    /// <summary>As <see cref="LoadAsync"/>, with the venue's id for the caller's own queries (no second lookup by slug).</summary>
    public static async Task<(int Id, VenueDetail Detail)?> LoadWithIdAsync(ShortScienceDb db, string slug, CancellationToken ct)
    {
        var venue = await MergeChains.VenueAsync(db, slug, ct);
        if (venue is null) return null;
        // Counted as papers change, by a trigger (migrations/…/Sql/VenueYearCounts.cs), not over the venue's papers here.
        var years = await db.Database.SqlQuery<VenueYear>($"""
            SELECT year, papers AS paper_count, summaries AS summary_count FROM venue_year_counts
            WHERE venue_id = {venue.Id} AND year IS NOT NULL AND papers > 0
            ORDER BY year DESC
            """).ToListAsync(ct);
        return (venue.Id, new VenueDetail(venue.Slug, venue.ShortName, venue.Name, venue.Kind, venue.Url, years));
    }
}
