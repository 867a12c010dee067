using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Api.Import;
using ShortScience.Contracts;
using ShortScience.Core.Browse;
using ShortScience.Core.Import;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>A DOI or arXiv id that another paper already has.</summary>
public sealed class EditConflictException(string message) : Exception(message);

/// <summary>Applies metadata changes to a paper: a moderator's direct edit or an accepted proposal.</summary>
public sealed class PaperEditor(ShortScienceDb db, VenueResolver venues, PaperImporter importer, TimeProvider clock)
{
    /// <summary>A problem for changes that cannot be applied to any paper, or null when they look right.</summary>
    public static ProblemHttpResult? Validate(PaperChanges? c)
    {
        if (c is null) return Problems.BadRequest("Send the changed fields as 'changes'.", "changes");
        if (c == new PaperChanges()) return Problems.BadRequest("The edit changes nothing.", "changes");
        if (c.Title is not null && (c.Title.Trim().Length == 0 || c.Title.Length > 1000))
        {
            return Problems.BadRequest("A title must have between 1 and 1000 characters.", "title");
        }
        if (c.Authors is not null && AuthorNames(c.Authors).Count == 0) return Problems.BadRequest("A paper needs at least one author.", "authors");
        if (c.Year is < 1600 or > 2200) return Problems.BadRequest("The year must be between 1600 and 2200.", "year");
        if (c.Doi is { Length: > 0 } && !Doi.TryNormalize(c.Doi, out _)) return Problems.BadRequest($"'{c.Doi}' is not a DOI.", "doi");
        if (c.ArxivId is { Length: > 0 } && !ArxivId.TryParse(c.ArxivId, out _)) return Problems.BadRequest($"'{c.ArxivId}' is not an arXiv id.", "arxivId");
        if (c.Url is { Length: > 0 } && !Checks.IsWebAddress(c.Url)) return Problems.BadRequest($"'{c.Url}' is not a web address.", "url");
        if (c.PdfUrl is { Length: > 0 } && !Checks.IsWebAddress(c.PdfUrl)) return Problems.BadRequest($"'{c.PdfUrl}' is not a web address.", "pdfUrl");
        return null;
    }

    public Task<Paper?> LoadAsync(long id, CancellationToken ct) =>
        db.Papers.Include(p => p.Venue).Include(p => p.Authors).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Applies the changes (an empty string clears an optional field), records each in the paper's history with
    /// <paramref name="actorId"/> and <paramref name="source"/>, and names the fields changed.
    /// </summary>
    public async Task<List<string>> ApplyAsync(Paper paper, PaperChanges c, Guid actorId, string source, CancellationToken ct)
    {
        var changed = new List<string>();
        var now = clock.GetUtcNow();
        void Log(string field, string label, string? before, string? after)
        {
            PaperHistory.Record(db, paper, actorId, field, before, after, source, now);
            changed.Add(label);
        }
        if (c.Title is not null)
        {
            var before = paper.Title;
            paper.Title = TextCleaner.Clean(Mojibake.Repair(c.Title));
            paper.NormalizedTitle = Slug.NormalizeTitle(paper.Title);
            Log("title", "title", before, paper.Title);
        }
        if (c.Abstract is not null)
        {
            var before = paper.Abstract;
            paper.Abstract = Blank(TextCleaner.Clean(c.Abstract));
            Log("abstract", "abstract", before, paper.Abstract);
        }
        if (c.Year is not null) { Log("year", "year", paper.Year?.ToString(), c.Year.ToString()); paper.Year = c.Year; }
        if (c.PublishedOn is not null)
        {
            Log("publishedOn", "publication date", paper.PublishedOn?.ToString("yyyy-MM-dd"), c.PublishedOn?.ToString("yyyy-MM-dd"));
            paper.PublishedOn = c.PublishedOn;
        }
        if (c.Url is not null)
        {
            var url = Checks.WebAddressOrNull(c.Url);
            Log("url", "URL", paper.Url, url);
            paper.Url = url;
        }
        if (c.PdfUrl is not null)
        {
            var url = Checks.WebAddressOrNull(c.PdfUrl);
            Log("pdfUrl", "PDF", paper.PdfUrl, url);
            paper.PdfUrl = url;
        }
        if (c.Keywords is not null)
        {
            var before = PaperHistory.Join(paper.Keywords);
            paper.Keywords = PaperMetadata.Tags(c.Keywords);
            Log("keywords", "keywords", before, PaperHistory.Join(paper.Keywords));
        }
        if (c.Venue is not null)
        {
            var before = paper.Venue?.Name;
            paper.Venue = await venues.ResolveAsync(c.Venue, ct);
            paper.Field = Fields.Of(paper.Categories, paper.Venue?.Field);
            Log("venue", "venue", before, paper.Venue?.Name);
        }
        if (c.Doi is not null)
        {
            var doi = Doi.NormalizeOrNull(c.Doi);
            if (doi is not null && await db.Papers.AnyAsync(p => p.Doi == doi && p.Id != paper.Id, ct))
            {
                throw new EditConflictException($"Another paper already has the DOI {doi}; merge the two instead.");
            }
            Log("doi", "DOI", paper.Doi, doi);
            paper.Doi = doi;
        }
        if (c.ArxivId is not null)
        {
            var arxiv = ArxivId.TryParse(c.ArxivId, out var id) ? id.Id : null;
            if (arxiv is not null && await db.Papers.AnyAsync(p => p.ArxivId == arxiv && p.Id != paper.Id, ct))
            {
                throw new EditConflictException($"Another paper already has the arXiv id {arxiv}.");
            }
            Log("arxivId", "arXiv id", paper.ArxivId, arxiv);
            paper.ArxivId = arxiv;
        }
        // The paper keeps answering to the ids it is given (and to those it had: aliases are never removed).
        if (c.Doi is not null || c.ArxivId is not null)
        {
            await PaperAliases.AddAsync(db, paper, [paper.Doi, paper.ArxivId], clock.GetUtcNow(), ct);
        }
        if (c.Authors is not null)
        {
            var before = PaperHistory.Join(paper.Authors.OrderBy(a => a.Position).Select(a => a.DisplayName));
            db.PaperAuthors.RemoveRange(paper.Authors);
            // The old rows must be gone before new ones take their positions (the key is paper + position).
            await db.SaveChangesAsync(ct);
            paper.Authors.Clear();
            var names = AuthorNames(c.Authors);
            await importer.AddAuthorsAsync(paper, names, ct);
            Log("authors", "authors", before, PaperHistory.Join(names));
        }
        paper.UpdatedAt = now;
        return changed;
    }

    /// <summary>The authors as they will be stored: normalized, those that show, up to the limit.</summary>
    static List<string> AuthorNames(IEnumerable<string> authors) =>
        authors.Select(PersonName.Normalize).Where(a => !Visible.IsBlank(a)).Take(Limits.AuthorsPerPaper).ToList();

    static string? Blank(string text) => Visible.IsBlank(text) ? null : text;
}
