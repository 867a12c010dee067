using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Browse;

/// <summary>
/// The one shape every browsing page lists papers in: summarized papers first (most summaries first, each with the
/// opening of its best summary), and separately the papers that still need a summary (newest first). Keyset pages.
/// </summary>
public static class PaperListings
{
    public const int PageSize = 20;
    public const string Summarized = "summarized";
    public const string Unsummarized = "unsummarized";

    public static bool IsList(string? list) => list is null or Summarized or Unsummarized;

    /// <summary>How many papers of a listing have a summary and how many wait for one.</summary>
    public sealed record Totals(int Summarized, int Unsummarized);

    /// <summary>A venue-year's or (venue null) a year's totals, from the counts a trigger keeps (Sql/VenueYearCounts.cs).</summary>
    public static Task<Totals> TotalsAsync(ShortScienceDb db, int? venueId, int year, CancellationToken ct)
    {
        // Typed, so PostgreSQL knows what a null venue is.
        var venue = new NpgsqlParameter("venue", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)venueId ?? DBNull.Value };
        return db.Database.SqlQuery<Totals>($"""
            SELECT coalesce(sum(summarized), 0)::int AS summarized, coalesce(sum(papers - summarized), 0)::int AS unsummarized
            FROM venue_year_counts WHERE year = {year} AND ({venue} IS NULL OR venue_id = {venue})
            """).SingleAsync(ct);
    }

    /// <param name="scope">Visible papers of the venue-year, year, tag or author.</param>
    /// <param name="totals">The listing's totals when they are kept elsewhere; counted over <paramref name="scope"/> otherwise.</param>
    public static async Task<PaperListing> PageAsync(ShortScienceDb db, IQueryable<Paper> scope, string? list, Cursor? after, CancellationToken ct,
        Totals? totals = null)
    {
        if (totals is null)
        {
            var counts = await scope.GroupBy(p => p.SummaryCount > 0).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            totals = new Totals(counts.Where(x => x.Key).Sum(x => x.Count), counts.Where(x => !x.Key).Sum(x => x.Count));
        }
        var summarized = list != Unsummarized;
        var query = summarized ? scope.Where(p => p.SummaryCount > 0) : scope.Where(p => p.SummaryCount == 0);
        if (after is { } c)
        {
            query = summarized
                ? query.Where(p => p.SummaryCount < c.Value || (p.SummaryCount == c.Value && p.Id < c.Id))
                : query.Where(p => p.Id < c.Id);
        }
        query = summarized ? query.OrderByDescending(p => p.SummaryCount).ThenByDescending(p => p.Id) : query.OrderByDescending(p => p.Id);
        var rows = await query.Take(PageSize + 1).Select(p => new
            {
                p.Id,
                Card = new PaperCard(
                    p.Key, p.Title,
                    p.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    p.Venue == null ? null : new VenueRef(p.Venue.Slug, p.Venue.ShortName, p.Venue.Name),
                    p.Year, p.SummaryCount, null, null),
            })
            .ToListAsync(ct);

        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = new Cursor(summarized ? rows[^1].Card.SummaryCount : 0, rows[^1].Id).Encode();
        }
        var excerpts = summarized ? await BestExcerptsAsync(db, rows.ConvertAll(r => r.Id), ct) : [];
        var items = rows.ConvertAll(r => excerpts.TryGetValue(r.Id, out var e) ? r.Card with { SummaryId = e.Id, ExcerptHtml = e.Html } : r.Card);
        return new PaperListing(totals.Summarized, totals.Unsummarized, items, next);
    }

    /// <summary>The opening of each paper's best summary (highest score, then oldest): its excerpt, else its first words.</summary>
    public static async Task<Dictionary<long, (long Id, string Html)>> BestExcerptsAsync(ShortScienceDb db, List<long> paperIds, CancellationToken ct)
    {
        if (paperIds.Count == 0) return [];
        var best = await db.Summaries.AsNoTracking()
            .Where(s => paperIds.Contains(s.PaperId) && s.Status == SummaryStatus.Published && s.Current != null)
            .GroupBy(s => s.PaperId)
            .Select(g => g.OrderByDescending(s => s.Score).ThenBy(s => s.Id)
                .Select(s => new { s.PaperId, s.Id, s.Current!.ExcerptHtml, Opening = s.Current.PlainText.Substring(0, 280) })
                .First())
            .ToListAsync(ct);
        return best.ToDictionary(b => b.PaperId, b => (b.Id, b.ExcerptHtml.Length > 0 ? b.ExcerptHtml : Opening(b.Opening)));
    }

    static string Opening(string text)
    {
        var cut = text.LastIndexOf(' ');
        return $"<p>{WebUtility.HtmlEncode(text.Length < 280 || cut < 0 ? text : text[..cut] + " …")}</p>";
    }

    public static Cursor? ParseCursor(string? cursor, out bool valid)
    {
        valid = true;
        if (cursor is null) return null;
        if (Cursor.TryDecode(cursor, out var c)) return c;
        valid = false;
        return null;
    }
}
