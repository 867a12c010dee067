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

/// <summary>
/// What one import did: the facts it added (Changes), the differing facts it sent to the moderators as a proposed
/// edit (Proposed, Proposal) and what it left out (Dropped), each as a short line for the import report.
/// </summary>
public sealed record ImportOutcome(
    Paper Paper, ImportStatus Status, IReadOnlyList<string> Changes, IReadOnlyList<string> Proposed, IReadOnlyList<string> Dropped,
    PaperEdit? Proposal = null);

/// <summary>
/// Adds a paper or, when it is already here (same arXiv id, same DOI, or same title and year), merges what the
/// import knows into it. A member's import only adds facts the paper lacks; a fact that differs from the paper's is
/// sent to the moderators' queue as a proposed edit, never written. A moderator's import writes it. A preprint's
/// venue never replaces the venue a paper was published at. Every change is recorded in the paper's history
/// (<see cref="PaperHistory"/>). Changes are tracked, not saved: the caller saves, so one import is one transaction.
/// </summary>
public sealed class PaperImporter(ShortScienceDb db, VenueResolver venues, AuthorResolver authors, TimeProvider clock)
{
    /// <summary>How many years after its preprint a paper's published version may appear and still fill in its venue.</summary>
    const int PublishedWithin = 3;

    public async Task<ImportOutcome> ImportAsync(PaperMetadata metadata, Guid? userId, bool moderator, CancellationToken ct)
    {
        var m = metadata.Cleaned();
        if (Visible.IsBlank(m.Title)) throw new ImportRefusedException("The paper has no title.");
        var source = $"import:{m.Source}";
        var existing = await DuplicateFinder.FindAsync(db, m, ct);
        if (existing is not null)
        {
            // A paper a moderator took down stays down: adding it again neither revives it nor makes a second copy.
            if (existing.Status != ContentStatus.Visible) throw new ImportRefusedException("A moderator has taken this paper down, so it cannot be added again.");
            var outcome = await MergeAsync(existing, m, userId, moderator, source, ct);
            // The entry's citation keys become aliases; its arXiv id and DOI only where the paper now holds them (one
            // that differs is a proposal a moderator may reject, and must not lead to this paper meanwhile).
            var held = m with
            {
                ArxivId = string.Equals(existing.ArxivId, m.ArxivId, StringComparison.OrdinalIgnoreCase) ? m.ArxivId : null,
                Doi = string.Equals(existing.Doi, m.Doi, StringComparison.OrdinalIgnoreCase) ? m.Doi : null,
            };
            await PaperAliases.AddAsync(db, existing, PaperAliases.KeysOf(held), clock.GetUtcNow(), ct);
            return outcome;
        }

        var dropped = m.Dropped.ToList();
        if (m.Doi is not null && await db.Papers.AnyAsync(x => x.Doi == m.Doi, ct))
        {
            dropped.Add($"DOI: {m.Doi} belongs to another paper");
            m = m with { Doi = null };
        }
        var venue = await venues.ResolveAsync(m.Venue, ct);
        var now = clock.GetUtcNow();
        var key = await NewKeyAsync(m, ct);
        var paper = new Paper
        {
            Key = key, Title = m.Title, NormalizedTitle = Cut(Slug.NormalizeTitle(m.Title), 1000),
            Abstract = m.Abstract, Year = m.Year, Venue = venue, ArxivId = m.ArxivId, Doi = m.Doi,
            // Papers keyed by arXiv id still cite with a readable key.
            BibtexKey = m.ArxivId is null ? key : Cut(CitationKey.Suggest(m.Authors.FirstOrDefault(), m.Year, m.Title), 200),
            Url = m.Url, PdfUrl = m.PdfUrl, Keywords = [.. m.Keywords], Categories = [.. m.Categories],
            Field = Fields.Of(m.Categories, venue?.Field),
            PublishedOn = m.PublishedOn, Status = ContentStatus.Visible, CreatedAt = now, UpdatedAt = now, CreatedById = userId,
        };
        await AddAuthorsAsync(paper, m.Authors, ct);
        db.Papers.Add(paper);
        PaperHistory.Record(db, paper, userId, "created", null, paper.Title, source, now);
        await PaperAliases.AddAsync(db, paper, [.. PaperAliases.KeysOf(m), paper.BibtexKey], now, ct);
        return new(paper, ImportStatus.Created, [], [], dropped);
    }

    async Task<ImportOutcome> MergeAsync(Paper p, PaperMetadata m, Guid? userId, bool moderator, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var added = new List<string>();
        var proposedFields = new List<string>();
        var dropped = m.Dropped.ToList();
        var proposal = new PaperChanges();

        // One rule for every fact: missing → added; equal → nothing; different → written by a moderator, proposed otherwise.
        // A fact that only stands in for a missing one (a preprint server as venue) counts as missing.
        bool Merge(string field, string label, string? before, string? after, Action write, Func<PaperChanges, PaperChanges> propose,
            bool missing = false)
        {
            if (after is null || before == after) return false;
            if (before is null || missing || moderator)
            {
                write();
                PaperHistory.Record(db, p, userId, field, before, after, source, now);
                added.Add(before is null || label.Contains('→') ? label : $"{label} (replaced)");
                return true;
            }
            proposal = propose(proposal);
            proposedFields.Add(label);
            return false;
        }

        if (Slug.NormalizeTitle(m.Title) != p.NormalizedTitle)
        {
            Merge("title", "title", p.Title, m.Title, () => { p.Title = m.Title; p.NormalizedTitle = Cut(Slug.NormalizeTitle(m.Title), 1000); },
                c => c with { Title = m.Title });
        }
        Merge("abstract", "abstract", p.Abstract, m.Abstract, () => p.Abstract = m.Abstract, c => c with { Abstract = m.Abstract });
        Merge("url", "URL", p.Url, m.Url, () => p.Url = m.Url, c => c with { Url = m.Url });
        Merge("pdfUrl", "PDF", p.PdfUrl, m.PdfUrl, () => p.PdfUrl = m.PdfUrl, c => c with { PdfUrl = m.PdfUrl });
        if (m.Doi is not null && m.Doi != p.Doi)
        {
            if (await db.Papers.AnyAsync(x => x.Doi == m.Doi && x.Id != p.Id, ct)) dropped.Add($"DOI: {m.Doi} belongs to another paper");
            else Merge("doi", "DOI", p.Doi, m.Doi, () => p.Doi = m.Doi, c => c with { Doi = m.Doi });
        }
        if (m.ArxivId is not null && m.ArxivId != p.ArxivId)
        {
            if (await db.Papers.AnyAsync(x => x.ArxivId == m.ArxivId && x.Id != p.Id, ct)) dropped.Add($"arXiv id: {m.ArxivId} belongs to another paper");
            else Merge("arxivId", "arXiv id", p.ArxivId, m.ArxivId, () => p.ArxivId = m.ArxivId, c => c with { ArxivId = m.ArxivId });
        }
        Merge("publishedOn", "publication date", p.PublishedOn?.ToString("yyyy-MM-dd"), m.PublishedOn?.ToString("yyyy-MM-dd"),
            () => p.PublishedOn = m.PublishedOn, c => c with { PublishedOn = m.PublishedOn });

        var year = m.Year;
        var yearWithVenue = false;
        if (m.Venue is not null)
        {
            // A member's differing venue is only proposed: an unknown name must not become a venue row yet. A preprint
            // server is no venue of publication, though: a published version's venue fills it in as if it were missing,
            // when the catalogue knows that venue (a member creates no venue rows this way) and its year can follow the
            // preprint's (the same year or up to three later). Anything else differing is proposed like any other fact.
            var fillsPreprint = p.Venue is { Kind: VenueKind.Preprint } && VenueCatalogue.Default.Match(m.Venue) is { Kind: not "preprint" }
                && (m.Year is null || p.Year is null || (m.Year >= p.Year && m.Year <= p.Year + PublishedWithin));
            var venue = await venues.ResolveAsync(m.Venue, create: moderator || p.Venue is null || fillsPreprint, ct);
            if (venue is null && p.Venue is not null && VenueCatalogue.Default.Match(m.Venue)?.Kind != "preprint")
            {
                proposal = proposal with { Venue = m.Venue };
                proposedFields.Add($"venue: {p.Venue.ShortName} → {m.Venue}");
            }
            else if (venue is not null && venue != p.Venue)
            {
                if (p.Venue is not null && venue.Kind == VenueKind.Preprint && p.Venue.Kind != VenueKind.Preprint)
                {
                    // The published venue (and its year) stand; the preprint is an earlier version of the same paper.
                    dropped.Add($"venue: kept {p.Venue.ShortName} rather than the preprint server {venue.ShortName}");
                    if (year is not null && p.Year is not null && year != p.Year) year = null;
                }
                else
                {
                    var label = p.Venue is null ? $"venue: {venue.ShortName}" : $"venue: {p.Venue.ShortName} → {venue.ShortName}";
                    var replacesPreprint = fillsPreprint && venue.Kind != VenueKind.Preprint;
                    // The published version's year comes with its venue (a 2015 preprint, a 2016 conference).
                    yearWithVenue = Merge("venue", label, p.Venue?.Name, venue.Name, () =>
                    {
                        p.Venue = venue;
                        p.Field = Fields.Of(p.Categories, venue.Field);
                    }, c => c with { Venue = venue.Name }, missing: replacesPreprint) && replacesPreprint;
                }
            }
        }
        if (year is not null && p.Year is not null && year != p.Year)
        {
            Merge("year", $"year: {p.Year} → {year}", p.Year.ToString(), year.ToString(), () => p.Year = year, c => c with { Year = year },
                missing: yearWithVenue);
        }
        else
        {
            Merge("year", "year", p.Year?.ToString(), year?.ToString(), () => p.Year = year, c => c with { Year = year });
        }

        var keywords = m.Keywords.Where(k => !p.Keywords.Contains(k, StringComparer.OrdinalIgnoreCase))
            .Take(Math.Max(0, Limits.KeywordsPerPaper - p.Keywords.Count)).ToList();
        if (keywords.Count > 0)
        {
            PaperHistory.Record(db, p, userId, "keywords", PaperHistory.Join(p.Keywords), PaperHistory.Join([.. p.Keywords, .. keywords]), source, now);
            p.Keywords = [.. p.Keywords, .. keywords];
            added.Add($"keywords: +{keywords.Count}");
        }
        var categories = m.Categories.Where(c => !p.Categories.Contains(c)).Take(Math.Max(0, Limits.KeywordsPerPaper - p.Categories.Count)).ToList();
        if (categories.Count > 0)
        {
            PaperHistory.Record(db, p, userId, "categories", PaperHistory.Join(p.Categories), PaperHistory.Join([.. p.Categories, .. categories]), source, now);
            p.Categories = [.. p.Categories, .. categories];
            p.Field = Fields.Of(p.Categories, p.Venue?.Field);
            added.Add("categories");
        }

        if (m.Authors.Count > 0)
        {
            var current = p.Authors.OrderBy(a => a.Position).Select(a => a.DisplayName).ToList();
            if (!SameNames(current, m.Authors))
            {
                Merge("authors", "authors", current.Count == 0 ? null : PaperHistory.Join(current), PaperHistory.Join(m.Authors),
                    () => { }, c => c with { Authors = m.Authors });
                if (current.Count == 0 || moderator) await ReplaceAuthorsAsync(p, m.Authors, ct);
            }
        }

        if (added.Count > 0) p.UpdatedAt = now;
        var edit = userId is { } proposer && proposal != new PaperChanges() ? await ProposeAsync(p, proposal, proposer, source, ct) : null;
        return new(p, added.Count == 0 ? ImportStatus.Unchanged : ImportStatus.Merged, added, proposedFields, dropped, edit);
    }

    /// <summary>The pending proposal with exactly these changes, or a new one (an import run twice proposes once).</summary>
    async Task<PaperEdit> ProposeAsync(Paper paper, PaperChanges changes, Guid proposer, string source, CancellationToken ct)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(changes, PaperEditsApi.Json);
        var pending = await db.PaperEdits.Where(e => e.PaperId == paper.Id && e.Status == EditStatus.Pending).ToListAsync(ct);
        var same = pending.FirstOrDefault(e => System.Text.Json.JsonSerializer.Deserialize<PaperChanges>(e.ChangesJson, PaperEditsApi.Json) is { } c
            && System.Text.Json.JsonSerializer.Serialize(c, PaperEditsApi.Json) == json);
        if (same is not null) return same;
        var edit = new PaperEdit
        {
            Paper = paper, ProposerId = proposer, ChangesJson = json, Status = EditStatus.Pending, CreatedAt = clock.GetUtcNow(),
            Note = $"Differs from the paper's facts in an import ({source}).",
        };
        db.PaperEdits.Add(edit);
        return edit;
    }

    static bool SameNames(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Zip(b).All(x => Slug.NormalizeTitle(x.First) == Slug.NormalizeTitle(x.Second));

    /// <summary>Rewrites the author rows in place (the key is paper + position), so one save does it.</summary>
    async Task ReplaceAuthorsAsync(Paper paper, IReadOnlyList<string> names, CancellationToken ct)
    {
        var rows = paper.Authors.OrderBy(a => a.Position).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var author = await authors.ResolveAsync(names[i], ct);
            if (i < rows.Count)
            {
                rows[i].Author = author;
                rows[i].DisplayName = Cut(names[i], 300);
            }
            else
            {
                paper.Authors.Add(new PaperAuthor { Author = author, Position = i, DisplayName = Cut(names[i], 300) });
            }
        }
        foreach (var extra in rows.Skip(names.Count))
        {
            paper.Authors.Remove(extra);
            db.PaperAuthors.Remove(extra);
        }
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
        // A key is taken by another paper's key, and by any key another paper was known by (its aliases, its BibTeX
        // key): \cite{key} and /paper?bibtexKey=key keep finding the paper that had it first.
        if (m.ArxivId is not null && ArxivId.TryParse(m.ArxivId, out var id) && !await TakenAsync(id.Key))
        {
            return id.Key;
        }
        var key = Cut(CitationKey.Suggest(m.Authors.FirstOrDefault(), m.Year, m.Title), 190);
        var lower = key.ToLowerInvariant();
        var taken = (await db.Papers.Where(p => p.Key.StartsWith(key) || (p.BibtexKey != null && p.BibtexKey.StartsWith(key)))
                .Select(p => new[] { p.Key, p.BibtexKey }).ToListAsync(ct))
            .SelectMany(k => k).OfType<string>()
            .Concat(db.Papers.Local.Select(p => p.Key)).ToHashSet();
        var aliases = (await db.PaperAliases.Where(a => a.NormalizedKey.StartsWith(lower)).Select(a => a.NormalizedKey).ToListAsync(ct)).ToHashSet();
        return CitationKey.Deduplicate(key, k => taken.Contains(k) || aliases.Contains(k.ToLowerInvariant()));

        async Task<bool> TakenAsync(string k)
        {
            var low = k.ToLowerInvariant();
            return await db.Papers.AnyAsync(p => p.Key == k || p.BibtexKey == k, ct) || await db.PaperAliases.AnyAsync(a => a.NormalizedKey == low, ct);
        }
    }

    static string Cut(string text, int max) => TextCut.Prefix(text, max);
}
