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
        var rows = await db.Venues.AsNoTracking()
            .Where(v => v.MergedIntoId == null)
            .Select(v => new
            {
                v.Slug, v.ShortName, v.Name, v.Kind,
                Papers = v.Papers.Count(p => p.Status == ContentStatus.Visible),
                Summaries = v.Papers.Where(p => p.Status == ContentStatus.Visible).Sum(p => p.SummaryCount),
            })
            .OrderBy(v => v.ShortName)
            .ToListAsync(ct);
        return TypedResults.Ok(rows.ConvertAll(v =>
            new VenueListItem(v.Slug, v.ShortName, v.Name, v.Kind, v.Papers, v.Summaries)));
    }

    static async Task<Results<Ok<VenueDetail>, ProblemHttpResult>> GetAsync(ShortScienceDb db, string slug, CancellationToken ct) =>
        await VenueDetails.LoadAsync(db, slug, ct) is { } venue ? TypedResults.Ok(venue) : Problems.NotFound($"There is no venue '{slug}'.");
}
