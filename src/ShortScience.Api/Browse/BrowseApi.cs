using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Authors;
using ShortScience.Api.Extensions;
using ShortScience.Api.Venues;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Browse;

/// <summary>Papers by venue-year, year, tag and author; each list summarized-first (see <see cref="PaperListings"/>).</summary>
public static class BrowseApi
{
    public static void MapBrowseApi(this RouteGroupBuilder api)
    {
        api.MapGet("/venues/{slug}/{year:int}", VenueYearAsync).WithTags("Venues").WithName("GetVenueYear").ReadsFromStandby();
        api.MapGet("/years/{year:int}", YearAsync).WithTags("Browse").WithName("GetYear").ReadsFromStandby();
        api.MapGet("/tags/{tag}", TagAsync).WithTags("Browse").WithName("GetTag").ReadsFromStandby();
        api.MapGet("/authors/{slug}/papers", AuthorAsync).WithTags("Authors").WithName("GetAuthorPapers").ReadsFromStandby();
    }

    static async Task<Results<Ok<VenueYearListing>, ProblemHttpResult>> VenueYearAsync(
        string slug, int year, string? list, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (Invalid(list, cursor, out var after) is { } problem) return problem;
        if (await VenueDetails.LoadWithIdAsync(db, slug, ct) is not (var venueId, var venue)) return Problems.NotFound($"There is no venue '{slug}'.");
        if (!Limits.IsListedYear(year)) return Problems.NotFound($"There are no papers of {venue.ShortName} from {year}.");
        var scope = Visible(db).Where(p => p.VenueId == venueId && p.Year == year);
        var totals = await PaperListings.TotalsAsync(db, venueId, year, ct);
        return TypedResults.Ok(new VenueYearListing(venue, year, await PaperListings.PageAsync(db, scope, list, after, ct, totals)));
    }

    static async Task<Results<Ok<YearListing>, ProblemHttpResult>> YearAsync(
        int year, string? list, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (Invalid(list, cursor, out var after) is { } problem) return problem;
        if (!Limits.IsListedYear(year)) return Problems.NotFound($"There are no papers from {year}.");
        var scope = Visible(db).Where(p => p.Year == year);
        var totals = await PaperListings.TotalsAsync(db, null, year, ct);
        return TypedResults.Ok(new YearListing(year, await PaperListings.PageAsync(db, scope, list, after, ct, totals)));
    }

    static async Task<Results<Ok<TagListing>, ProblemHttpResult>> TagAsync(
        string tag, string? list, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (Invalid(list, cursor, out var after) is { } problem) return problem;
        tag = Links.SegmentValue(tag);
        var scope = Visible(db).Where(p => p.Keywords.Contains(tag));
        return TypedResults.Ok(new TagListing(tag, await PaperListings.PageAsync(db, scope, list, after, ct)));
    }

    static async Task<Results<Ok<AuthorListing>, ProblemHttpResult>> AuthorAsync(
        string slug, string? list, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (Invalid(list, cursor, out var after) is { } problem) return problem;
        var author = await MergeChains.AuthorAsync(db, slug, ct);
        if (author is null) return Problems.NotFound($"There is no author '{slug}'.");
        var otherNames = await Authors.AuthorsApi.OtherNamesAsync(db, author, ct);
        var scope = Visible(db).Where(p => p.Authors.Any(a => a.AuthorId == author.Id));
        return TypedResults.Ok(new AuthorListing(author.Slug, author.Name, otherNames, await PaperListings.PageAsync(db, scope, list, after, ct)));
    }

    static IQueryable<Paper> Visible(ShortScienceDb db) => db.Papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible);

    static ProblemHttpResult? Invalid(string? list, string? cursor, out Cursor? after)
    {
        after = PaperListings.ParseCursor(cursor, out var valid);
        if (!valid) return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
        return PaperListings.IsList(list) ? null : Problems.BadRequest("list must be 'summarized' or 'unsummarized'.", "list");
    }
}
