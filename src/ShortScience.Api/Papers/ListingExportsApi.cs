using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Api.Replicas;
using ShortScience.Api.Search;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>The bibliography formats a listing can be downloaded in.</summary>
public enum ExportFormat { Bibtex, Ris, CslJson }

/// <summary>
/// Listings as bibliography files for reference managers: venue-year, year, tag, author, user and search, each as
/// BibTeX (<c>…/bibtex</c>), RIS (<c>…/ris</c>) and CSL-JSON (<c>…/csl</c>). The venue-year and user BibTeX routes
/// live in <see cref="BibtexApi"/>; the reading list's in ReadingListApi.
/// </summary>
public static class ListingExportsApi
{
    /// <summary>A search export holds the query's best-ranked papers, as many as one request may ask for.</summary>
    public const int MaxSearchPapers = 50;

    public static readonly (string Suffix, ExportFormat Format)[] Formats =
        [("bibtex", ExportFormat.Bibtex), ("ris", ExportFormat.Ris), ("csl", ExportFormat.CslJson)];

    public static void MapListingExportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Papers").ReadsFromStandby();
        foreach (var (suffix, format) in Formats)
        {
            group.MapGet($"/venues/{{slug}}/{{year:int}}/{suffix}", (string slug, int year, ShortScienceDb db, CancellationToken ct) =>
                VenueYearAsync(slug, year, format, db, ct));
            group.MapGet($"/users/{{name}}/{suffix}", (string name, ShortScienceDb db, CancellationToken ct) =>
                UserAsync(name, format, db, ct));
            group.MapGet($"/years/{{year:int}}/{suffix}", (int year, ShortScienceDb db, CancellationToken ct) =>
                YearAsync(year, format, db, ct));
            group.MapGet($"/tags/{{tag}}/{suffix}", async (string tag, ShortScienceDb db, CancellationToken ct) =>
                BibtexApi.Export(await BibtexApi.ExportAsync(db.Papers.Where(p => p.Keywords.Contains(Links.SegmentValue(tag))), ct), format));
            group.MapGet($"/authors/{{slug}}/{suffix}", (string slug, ShortScienceDb db, CancellationToken ct) =>
                AuthorAsync(slug, format, db, ct));
            group.MapGet($"/search/{suffix}", (string? q, string? venue, int? from, int? to, bool? summarized, ShortScienceDb db, PaperSearch search,
                CancellationToken ct) => SearchAsync(q, venue, from, to, summarized, format, db, search, ct));
        }
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> VenueYearAsync(
        string slug, int year, ExportFormat format, ShortScienceDb db, CancellationToken ct)
    {
        var venue = await MergeChains.VenueAsync(db, slug, ct);
        if (venue is null) return Problems.NotFound($"There is no venue '{slug}'.");
        if (!Limits.IsListedYear(year)) return Problems.NotFound($"There are no papers of {venue.ShortName} from {year}.");
        return BibtexApi.Export(await BibtexApi.ExportAsync(db.Papers.Where(p => p.VenueId == venue.Id && p.Year == year), ct), format);
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> UserAsync(string name, ExportFormat format, ShortScienceDb db, CancellationToken ct)
    {
        var user = await Users.UsersApi.UserIdAsync(db, name, ct);
        if (user is null) return Problems.NotFound($"There is no user '{name}'.");
        return BibtexApi.Export(await BibtexApi.ExportAsync(db.Papers.Where(p =>
            p.Summaries.Any(s => s.UserId == user && s.Status == SummaryStatus.Published && !s.Anonymous)), ct), format);
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> YearAsync(int year, ExportFormat format, ShortScienceDb db, CancellationToken ct)
    {
        if (!Limits.IsListedYear(year)) return Problems.NotFound($"There are no papers from {year}.");
        return BibtexApi.Export(await BibtexApi.ExportAsync(db.Papers.Where(p => p.Year == year), ct), format);
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> AuthorAsync(string slug, ExportFormat format, ShortScienceDb db, CancellationToken ct)
    {
        var author = await MergeChains.AuthorAsync(db, slug, ct);
        if (author is null) return Problems.NotFound($"There is no author '{slug}'.");
        return BibtexApi.Export(await BibtexApi.ExportAsync(db.Papers.Where(p => p.Authors.Any(a => a.AuthorId == author.Id)), ct), format);
    }

    /// <summary>
    /// The search page's results, best first, with its filters: the paper an arXiv id or DOI names, or the query's top
    /// matches.
    /// </summary>
    static async Task<Results<ContentHttpResult, ProblemHttpResult>> SearchAsync(
        string? q, string? venue, int? from, int? to, bool? summarized, ExportFormat format, ShortScienceDb db, PaperSearch search, CancellationToken ct)
    {
        var query = (q ?? "").Trim();
        if (query.Length == 0) return Problems.BadRequest("Say what to search for (q).", "q");
        if (query.Length > SearchApi.MaxQueryLength) return Problems.BadRequest($"Keep the query under {SearchApi.MaxQueryLength} characters.", "q");
        List<string> keys;
        if (await SearchApi.FindByIdentifierAsync(db, query, ct) is { } named)
        {
            keys = named.Key is null ? [] : [named.Key];
        }
        else
        {
            var (venueId, refused) = await SearchApi.FiltersAsync(db, venue, from, to, ct);
            if (refused is not null) return refused;
            var results = await search.SearchAsync(new SearchRequest(query, venueId, from, to, summarized, 0, MaxSearchPapers), ct);
            keys = results.Items.Select(h => h.Key).ToList();
        }
        var rank = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var rows = keys.Count == 0 ? [] : await BibtexApi.ExportAsync(db.Papers.Where(p => keys.Contains(p.Key)), ct);
        return BibtexApi.Export(rows.OrderBy(r => rank[r.Key]).ToList(), format);
    }
}
