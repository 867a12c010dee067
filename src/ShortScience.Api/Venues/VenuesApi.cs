using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Venues;

public static class VenuesApi
{
    public static RouteGroupBuilder MapVenuesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/venues").WithTags("Venues").ReadsFromStandby();
        group.MapGet("/", ListAsync).WithName("ListVenues");
        group.MapGet("/{slug}", GetAsync).WithName("GetVenue");
        return group;
    }

    static async Task<Ok<List<VenueListItem>>> ListAsync(ShortScienceDb db, CancellationToken ct)
    {
        // The counts are kept per venue and year by a trigger as papers change (Sql/VenueYearCounts.cs).
        var rows = await db.Database.SqlQuery<ListRow>($"""
            SELECT v.slug, v.short_name, v.name, v.kind,
                   coalesce(sum(c.papers), 0)::int AS papers, coalesce(sum(c.summaries), 0)::int AS summaries
            FROM venues v LEFT JOIN venue_year_counts c ON c.venue_id = v.id
            WHERE v.merged_into_id IS NULL
            GROUP BY v.id
            ORDER BY v.short_name
            """).ToListAsync(ct);
        return TypedResults.Ok(rows.ConvertAll(v => new VenueListItem(v.Slug, v.ShortName, v.Name, v.Kind, v.Papers, v.Summaries)));
    }

    sealed record ListRow(string Slug, string ShortName, string Name, VenueKind Kind, int Papers, int Summaries);

    static async Task<Results<Ok<VenueDetail>, ProblemHttpResult>> GetAsync(ShortScienceDb db, string slug, CancellationToken ct) =>
        await VenueDetails.LoadAsync(db, slug, ct) is { } venue ? TypedResults.Ok(venue) : Problems.NotFound($"There is no venue '{slug}'.");
}
