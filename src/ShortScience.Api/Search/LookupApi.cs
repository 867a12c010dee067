using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Api.Papers;
using ShortScience.Api.Venues;
using ShortScience.Contracts;
using ShortScience.Core.Search;
using ShortScience.Core.Import;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Search;

/// <summary>
/// Finds a paper or venue from whatever identifier a person or an old link has: a key, a BibTeX key, an arXiv id
/// in any form, a DOI, or ShortScience.org's keys ("journals/corr/1406.2661", "conf/nips/…"; venue "NIPS").
/// </summary>
public static class LookupApi
{
    public static void MapLookupApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lookup").WithTags("Search");
        group.MapGet("/paper", PaperAsync).WithName("LookupPaper");
        group.MapGet("/venue", VenueAsync).WithName("LookupVenue");
    }

    static async Task<Results<Ok<PaperLookup>, ProblemHttpResult>> PaperAsync(string? id, ShortScienceDb db, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(id) ? Problems.BadRequest("Give an id: a paper key, arXiv id, DOI or BibTeX key.", "id")
        : await FindPaperAsync(db, id, ct) is { } paper ? TypedResults.Ok(paper)
        : Problems.NotFound($"No paper here has the identifier '{id}'.");

    static async Task<Results<Ok<VenueRef>, ProblemHttpResult>> VenueAsync(string? key, ShortScienceDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return Problems.BadRequest("Give a venue key or name.", "key");
        if (key.Length > Limits.VenueNameChars) return Problems.BadRequest($"A venue name has at most {Limits.VenueNameChars} characters.", "key");
        var venue = await MergeChains.VenueAsync(db, key, ct);
        if (venue is null)
        {
            // Every candidate name in one query; the first candidate that names a venue wins.
            var candidates = VenueNames.Candidates(key).Distinct().ToList();
            var found = await db.VenueAliases.Where(a => candidates.Contains(a.Normalized))
                .Select(a => new { a.Normalized, a.Venue.Slug }).ToListAsync(ct);
            if (candidates.Select(c => found.FirstOrDefault(f => f.Normalized == c)?.Slug).FirstOrDefault(s => s is not null) is { } slug)
                venue = await MergeChains.VenueAsync(db, slug, ct);
        }
        return venue is null ? Problems.NotFound($"There is no venue '{key}'.") : TypedResults.Ok(new VenueRef(venue.Slug, venue.ShortName, venue.Name));
    }

    public static async Task<PaperLookup?> FindPaperAsync(ShortScienceDb db, string id, CancellationToken ct) =>
        await PaperAliases.FindAsync(db, id, ct) is { } paper ? new PaperLookup(paper.Key, paper.Title) : null;
}
