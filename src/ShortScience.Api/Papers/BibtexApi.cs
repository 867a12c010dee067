using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Export;
using ShortScience.Core.Import;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>BibTeX (application/x-bibtex, UTF-8) for a paper, a list of papers, a venue-year and a person's summarized papers.</summary>
public static class BibtexApi
{
    public const string ContentType = "application/x-bibtex";
    const int MaxKeys = 500;

    /// <summary>A listing's file holds at most this many papers (newest first); a tag or year can hold far more.</summary>
    public const int MaxListing = 2_000;

    public static void MapBibtexApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Papers");
        group.MapGet("/papers/{key}/bibtex", PaperAsync);
        group.MapGet("/papers/bibtex", ListAsync);
        group.MapPost("/papers/bibtex", (BibtexExportRequest request, ShortScienceDb db, CancellationToken ct) => KeysAsync(request.Keys, db, ct));
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> PaperAsync(string key, ShortScienceDb db, CancellationToken ct)
    {
        var papers = await ExportAsync(db.Papers.Where(p => p.Key == key), ct);
        return papers.Count == 0 ? Problems.NotFound($"There is no paper with the key '{key}'.") : Bibtex(papers);
    }

    /// <summary>GET /papers/bibtex?keys=a,b,c: the search page's (and anyone's) list of papers, in the order given.</summary>
    static Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(string? keys, ShortScienceDb db, CancellationToken ct) =>
        KeysAsync((keys ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), db, ct);

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> KeysAsync(IReadOnlyList<string>? keys, ShortScienceDb db, CancellationToken ct)
    {
        if (keys is null || keys.Count == 0) return Problems.BadRequest("Name the papers to export (keys).", "keys");
        if (keys.Count > MaxKeys) return Problems.BadRequest($"At most {MaxKeys} papers can be exported at once.", "keys");
        var wanted = keys.Distinct().ToList();
        var papers = await ExportAsync(db.Papers.Where(p => wanted.Contains(p.Key)), ct);
        var order = wanted.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        return Bibtex(papers.OrderBy(p => order[p.Key]).ToList());
    }

    /// <summary>One paper's entry, as <c>GET /papers/{key}/bibtex</c> answers it.</summary>
    public static string Entry(ExportRow paper) =>
        BibtexWriter.Write([paper.ToMetadata() with { BibtexKey = paper.BibtexKey ?? paper.Key }]);

    /// <summary>The papers in <paramref name="format"/>: BibTeX, RIS or CSL-JSON, each entry keyed as in the BibTeX file.</summary>
    public static ContentHttpResult Export(List<ExportRow> papers, ExportFormat format)
    {
        if (format == ExportFormat.Bibtex) return Bibtex(papers);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = papers.Select(p => p.ToMetadata() with { BibtexKey = CitationKey.Deduplicate(p.BibtexKey ?? p.Key, k => !used.Add(k)) }).ToList();
        return format == ExportFormat.Ris
            ? TypedResults.Text(RisWriter.Write(entries), RisWriter.ContentType, Encoding.UTF8)
            : TypedResults.Text(CslJsonWriter.Write(entries), CslJsonWriter.ContentType, Encoding.UTF8);
    }

    public static ContentHttpResult Bibtex(List<ExportRow> papers)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = papers.Select(p => p.ToMetadata() with
        {
            // Two papers may suggest one citation key; a file needs each key once.
            BibtexKey = CitationKey.Deduplicate(p.BibtexKey ?? p.Key, k => !used.Add(k)),
        });
        return TypedResults.Text(BibtexWriter.Write(entries.ToList()), ContentType, Encoding.UTF8);
    }

    /// <param name="take">At most this many (a listing's <see cref="MaxListing"/>; a reading list's every entry).</param>
    public static Task<List<ExportRow>> ExportAsync(IQueryable<Paper> papers, CancellationToken ct, int take = MaxListing) =>
        papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Title)
            .Take(take)
            .Select(p => new ExportRow(
                p.Key, p.BibtexKey, p.Title, p.Authors.OrderBy(a => a.Position).Select(a => a.DisplayName).ToList(),
                p.Venue == null ? null : p.Venue.Name, p.Venue == null ? null : p.Venue.Kind, p.Year, p.Doi, p.ArxivId, p.Url,
                p.Keywords, p.Categories))
            .ToListAsync(ct);

    public sealed record ExportRow(
        string Key, string? BibtexKey, string Title, List<string> Authors, string? Venue, VenueKind? Kind, int? Year,
        string? Doi, string? ArxivId, string? Url, List<string> Keywords, List<string> Categories)
    {
        public PaperMetadata ToMetadata() => new()
        {
            Title = Title, Authors = Authors, Year = Year, Doi = Doi, ArxivId = ArxivId, Url = Checks.WebAddressOrNull(Url),
            Keywords = Keywords, Categories = Categories,
            Venue = Kind == VenueKind.Preprint && ArxivId is not null ? "arXiv" : Venue,
            EntryType = Kind switch
            {
                VenueKind.Conference or VenueKind.Workshop => "inproceedings",
                VenueKind.Journal => "article",
                _ => "misc",
            },
        };
    }
}
