using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Browse;

/// <summary>
/// What the Web host's sitemap.xml lists. Papers are split into parts by id range, so each part is one primary-key
/// range scan and the index needs no count; only papers with a summary are listed (the others are noindex).
/// </summary>
public static class SitemapApi
{
    public const int PaperPartSize = 40_000;

    public static void MapSitemapApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sitemap").WithTags("Browse").ReadsFromStandby();
        group.MapGet("/", IndexAsync).WithName("SitemapIndex");
        group.MapGet("/papers/{part:int}", PapersAsync).WithName("SitemapPapers");
        group.MapGet("/pages", PagesAsync).WithName("SitemapPages");
    }

    static async Task<Ok<SitemapIndex>> IndexAsync(ShortScienceDb db, CancellationToken ct)
    {
        var maxId = await db.Papers.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        // The newest of the dates the parts give their entries, so a crawler trusting the index misses no part.
        var last = await db.Papers.Where(p => p.Status == ContentStatus.Visible && p.SummaryCount > 0)
            .MaxAsync(p => p.LastSummaryAt > p.UpdatedAt ? p.LastSummaryAt : (DateTimeOffset?)p.UpdatedAt, ct);
        return TypedResults.Ok(new SitemapIndex((int)(maxId / PaperPartSize) + 1, PaperPartSize, last));
    }

    static async Task<Results<Ok<List<SitemapEntry>>, ProblemHttpResult>> PapersAsync(int part, ShortScienceDb db, CancellationToken ct)
    {
        if (part < 0) return Problems.NotFound("There is no such sitemap part.");
        long from = (long)part * PaperPartSize, to = from + PaperPartSize;
        var rows = await db.Papers.AsNoTracking()
            .Where(p => p.Id >= from && p.Id < to && p.Status == ContentStatus.Visible && p.SummaryCount > 0)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Key, p.UpdatedAt, p.LastSummaryAt })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.ConvertAll(r => new SitemapEntry(
            $"/papers/{Uri.EscapeDataString(r.Key)}", r.LastSummaryAt > r.UpdatedAt ? r.LastSummaryAt : r.UpdatedAt)));
    }

    /// <summary>The browsing pages worth indexing: venues, their years and the years that have summaries.</summary>
    static async Task<Ok<List<SitemapEntry>>> PagesAsync(ShortScienceDb db, CancellationToken ct)
    {
        var summarized = db.Papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible && p.SummaryCount > 0 && p.Year != null);
        var venueYears = await summarized.Where(p => p.VenueId != null)
            .GroupBy(p => new { p.Venue!.Slug, Year = p.Year!.Value })
            .Select(g => new { g.Key.Slug, g.Key.Year, Last = g.Max(p => p.LastSummaryAt) })
            .ToListAsync(ct);
        var years = await summarized.GroupBy(p => p.Year!.Value).Select(g => new { Year = g.Key, Last = g.Max(p => p.LastSummaryAt) }).ToListAsync(ct);
        var entries = new List<SitemapEntry> { new("/", null), new("/venues", null) };
        entries.AddRange(venueYears.GroupBy(v => v.Slug).OrderBy(g => g.Key)
            .Select(g => new SitemapEntry($"/venues/{g.Key}", g.Max(v => v.Last))));
        entries.AddRange(venueYears.OrderBy(v => v.Slug).ThenByDescending(v => v.Year)
            .Select(v => new SitemapEntry($"/venues/{v.Slug}/{v.Year}", v.Last)));
        entries.AddRange(years.OrderByDescending(y => y.Year).Select(y => new SitemapEntry($"/years/{y.Year}", y.Last)));
        return TypedResults.Ok(entries);
    }
}
