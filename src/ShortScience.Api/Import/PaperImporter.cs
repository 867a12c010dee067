using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Papers;
using ShortScience.Core.Browse;
using ShortScience.Core.Import;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Import;

public enum ImportStatus { Created, Merged, Unchanged }

public sealed record ImportOutcome(Paper Paper, ImportStatus Status, IReadOnlyList<string> Changes);

/// <summary>
/// Adds a paper or, when it is already here (same arXiv id, same DOI, or same title and year), adds the
/// facts the existing page lacks. Existing facts are never overwritten, except that a preprint's venue
/// (arXiv, bioRxiv …) gives way to the venue it was published at, with that year. Changes are tracked,
/// not saved: the caller saves, so one import is one transaction.
/// </summary>
public sealed class PaperImporter(ShortScienceDb db, VenueResolver venues, AuthorResolver authors, TimeProvider clock)
{
    public async Task<ImportOutcome> ImportAsync(PaperMetadata metadata, Guid? userId, CancellationToken ct)
    {
        var m = metadata.Cleaned();
        if (m.Title.Length == 0) throw new ImportRefusedException("The paper has no title.");
        var existing = await DuplicateFinder.FindAsync(db, m, ct);
        if (existing is not null)
        {
            var changes = await MergeAsync(existing, m, ct);
            await PaperAliases.AddAsync(db, existing, PaperAliases.KeysOf(m), clock.GetUtcNow(), ct);
            return new(existing, changes.Count == 0 ? ImportStatus.Unchanged : ImportStatus.Merged, changes);
        }

        var venue = await venues.ResolveAsync(m.Venue, ct);
        var now = clock.GetUtcNow();
        var key = await NewKeyAsync(m, ct);
        var paper = new Paper
        {
            Key = key, Title = Cut(m.Title, 1000), NormalizedTitle = Cut(Slug.NormalizeTitle(m.Title), 1000),
            Abstract = m.Abstract, Year = m.Year, Venue = venue, ArxivId = m.ArxivId, Doi = m.Doi,
            // Papers keyed by arXiv id still cite with a readable key.
            BibtexKey = m.ArxivId is null ? key : Cut(CitationKey.Suggest(m.Authors.FirstOrDefault(), m.Year, m.Title), 200),
            Url = m.Url, PdfUrl = m.PdfUrl, Keywords = [.. m.Keywords], Categories = [.. m.Categories],
            Field = Fields.Of(m.Categories, venue?.Field),
            PublishedOn = m.PublishedOn, Status = ContentStatus.Visible, CreatedAt = now, UpdatedAt = now, CreatedById = userId,
        };
        await AddAuthorsAsync(paper, m.Authors, ct);
        db.Papers.Add(paper);
        await PaperAliases.AddAsync(db, paper, [.. PaperAliases.KeysOf(m), paper.BibtexKey], now, ct);
        return new(paper, ImportStatus.Created, []);
    }

    async Task<List<string>> MergeAsync(Paper p, PaperMetadata m, CancellationToken ct)
    {
        var changes = new List<string>();
        if (p.Abstract is null && m.Abstract is not null) { p.Abstract = m.Abstract; changes.Add("abstract"); }
        if (p.Doi is null && m.Doi is not null && !await db.Papers.AnyAsync(x => x.Doi == m.Doi, ct)) { p.Doi = m.Doi; changes.Add("DOI"); }
        if (p.ArxivId is null && m.ArxivId is not null && !await db.Papers.AnyAsync(x => x.ArxivId == m.ArxivId, ct))
        {
            p.ArxivId = m.ArxivId;
            changes.Add("arXiv id");
        }
        if (p.Url is null && m.Url is not null) { p.Url = m.Url; changes.Add("URL"); }
        if (p.PdfUrl is null && m.PdfUrl is not null) { p.PdfUrl = m.PdfUrl; changes.Add("PDF"); }
        if (p.PublishedOn is null && m.PublishedOn is not null) { p.PublishedOn = m.PublishedOn; changes.Add("publication date"); }

        // A preprint's page learns where the paper was published, and the year it appeared there.
        if ((p.Venue is null || p.Venue.Kind == VenueKind.Preprint) && m.Venue is not null)
        {
            var venue = await venues.ResolveAsync(m.Venue, ct);
            if (venue is not null && venue != p.Venue && (p.Venue is null || venue.Kind != VenueKind.Preprint))
            {
                changes.Add(p.Venue is null ? $"venue: {venue.ShortName}" : $"venue: {p.Venue.ShortName} → {venue.ShortName}");
                if (p.Venue is not null && m.Year is not null && m.Year != p.Year)
                {
                    changes.Add($"year: {p.Year} → {m.Year}");
                    p.Year = m.Year;
                }
                p.Venue = venue;
                p.Field = Fields.Of(p.Categories, venue.Field);
            }
        }
        if (p.Year is null && m.Year is not null) { p.Year = m.Year; changes.Add("year"); }

        var keywords = m.Keywords.Where(k => !p.Keywords.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (keywords.Count > 0) { p.Keywords = [.. p.Keywords, .. keywords]; changes.Add($"keywords: +{keywords.Count}"); }
        var categories = m.Categories.Where(c => !p.Categories.Contains(c)).ToList();
        if (categories.Count > 0)
        {
            p.Categories = [.. p.Categories, .. categories];
            p.Field = Fields.Of(p.Categories, p.Venue?.Field);
            changes.Add("categories");
        }
        if (p.Authors.Count == 0 && m.Authors.Count > 0) { await AddAuthorsAsync(p, m.Authors, ct); changes.Add("authors"); }

        if (changes.Count > 0) p.UpdatedAt = clock.GetUtcNow();
        return changes;
    }

    public async Task AddAuthorsAsync(Paper paper, IReadOnlyList<string> names, CancellationToken ct)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var author = await authors.ResolveAsync(names[i], ct);
            paper.Authors.Add(new PaperAuthor { Author = author, Position = i, DisplayName = Cut(names[i], 300) });
        }
    }

    /// <summary>The arXiv id where there is one, else a citation key made unique with a letter.</summary>
    async Task<string> NewKeyAsync(PaperMetadata m, CancellationToken ct)
    {
        if (m.ArxivId is not null && ArxivId.TryParse(m.ArxivId, out var id) && !await db.Papers.AnyAsync(p => p.Key == id.Key, ct))
        {
            return id.Key;
        }
        var key = Cut(CitationKey.Suggest(m.Authors.FirstOrDefault(), m.Year, m.Title), 190);
        var taken = (await db.Papers.Where(p => p.Key.StartsWith(key)).Select(p => p.Key).ToListAsync(ct))
            .Concat(db.Papers.Local.Select(p => p.Key)).ToHashSet();
        return CitationKey.Deduplicate(key, taken.Contains);
    }

    static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
