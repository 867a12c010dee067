using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Browse;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>
/// "Surprise me": a random published summary. A random id between the smallest and largest, then the next published
/// one by primary key (wrapping around): two index probes, however many summaries there are (no ORDER BY random()).
/// Summaries after long runs of deleted ids are picked a little more often; that is fine for a surprise.
/// </summary>
public static class RandomApi
{
    /// <param name="summaries">The summaries root (<c>/summaries</c>).</param>
    public static void MapRandomApi(this RouteGroupBuilder summaries) =>
        summaries.MapGet("/random", RandomAsync).WithName("RandomSummary");

    static async Task<Results<Ok<RandomSummary>, ProblemHttpResult>> RandomAsync(string? field, ShortScienceDb db, HttpContext http, CancellationToken ct)
    {
        if (field is not null && !ResearchFields.IsKnown(field)) return Problems.BadRequest($"Unknown field '{field}'.", "field");
        var ids = db.Summaries.AsNoTracking();
        var min = await ids.MinAsync(s => (long?)s.Id, ct);
        var max = await ids.MaxAsync(s => (long?)s.Id, ct);
        if (min is null || max is null) return Problems.NotFound("There are no summaries yet.");

        var pick = Random.Shared.NextInt64(min.Value, max.Value + 1);
        var published = ids.Published();
        if (field is not null) published = published.Where(s => s.Paper.Field == field);
        var found = await published.Where(s => s.Id >= pick).OrderBy(s => s.Id).Select(s => new { s.Id, s.Paper.Key }).FirstOrDefaultAsync(ct)
            ?? await published.Where(s => s.Id < pick).OrderBy(s => s.Id).Select(s => new { s.Id, s.Paper.Key }).FirstOrDefaultAsync(ct);
        if (found is null) return Problems.NotFound("There are no published summaries yet.");
        // Every call is a new pick: never cache it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RandomSummary(found.Id, found.Key, $"/papers/{Uri.EscapeDataString(found.Key)}#summary-{found.Id}"));
    }
}
