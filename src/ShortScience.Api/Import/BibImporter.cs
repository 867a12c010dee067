using ShortScience.Api.CitedBy;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Data;

namespace ShortScience.Api.Import;

/// <summary>
/// Imports every entry of a .bib file: each entry is saved on its own, so one bad entry costs only
/// itself, and the report says what became of each one and why.
/// </summary>
public sealed class BibImporter(
    ShortScienceDb db, PaperImporter importer, CitationCatchUp citations, ImportProgressStore progress,
    Microsoft.Extensions.Options.IOptions<ImportOptions> options, TimeProvider clock, ILogger<BibImporter> logger)
{
    const int ProgressEvery = 100;

    /// <summary>How often, at most, the progress under a client's token is written while entries are imported.</summary>
    static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="progressToken">When set, how far the import has come is kept under it for the client to ask (<see cref="ImportProgressStore"/>).</param>
    public async Task<BibImportReport> ImportAsync(string text, Guid userId, bool moderator, CancellationToken ct, string? progressToken = null)
    {
        var doc = BibtexParser.Parse(text);
        var errors = doc.Problems.Where(p => !p.Warning).ToList();
        var warnings = doc.Problems.Where(p => p.Warning).ToLookup(p => p.Key);
        var items = errors.Select(p => new BibImportItem(p.Line, p.Key, "refused", null, null, p.Message, [])).ToList();
        logger.LogInformation("BibTeX import of {Entries} entries started ({Errors} could not be read)", doc.Entries.Count, errors.Count);

        var started = clock.GetTimestamp();
        var limit = TimeSpan.FromSeconds(options.Value.BibTimeLimitSeconds);
        if (progressToken is not null) await progress.StartAsync(progressToken, userId, doc.Entries.Count, ct);
        var reported = started;
        var done = 0;
        for (var i = 0; i < doc.Entries.Count; i++)
        {
            var entry = doc.Entries[i];
            if (i > 0 && clock.GetElapsedTime(started) > limit)
            {
                var left = doc.Entries.Count - i;
                logger.LogWarning("BibTeX import stopped after {Seconds} s with {Left} of {Total} entries left", limit.TotalSeconds, left, doc.Entries.Count);
                items.AddRange(doc.Entries.Skip(i).Select(e => new BibImportItem(e.Line, e.Key, "refused", null, e.Get("title"),
                    $"Not imported: one import runs for at most {limit.TotalSeconds:0} seconds and stopped before this entry. "
                    + "Import the file again to add the rest; the papers already added are recognized and not added twice.", [])));
                break;
            }
            var item = await ImportEntryAsync(entry, userId, moderator, ct);
            if (warnings[entry.Key].Any())
            {
                item = item with { Reason = string.Join(" ", warnings[entry.Key].Select(w => w.Message).Prepend(item.Reason).OfType<string>()) };
            }
            items.Add(item);
            done = i + 1;
            if (progressToken is not null && clock.GetElapsedTime(reported) >= ProgressInterval)
            {
                reported = clock.GetTimestamp();
                await progress.ReportAsync(progressToken, userId, done, finished: false, ct);
            }
            if ((i + 1) % ProgressEvery == 0)
            {
                logger.LogInformation("BibTeX import: {Done} of {Total} entries done", i + 1, doc.Entries.Count);
            }
        }

        // Texts that cited these papers before they were here (or by a key they have just been given) link to them now.
        var keys = items.Select(i => i.PaperKey).OfType<string>().Distinct().ToList();
        if (keys.Count > 0)
        {
            await citations.PapersChangedAsync(await db.Papers.Where(p => keys.Contains(p.Key)).Select(p => p.Id).ToListAsync(ct));
        }

        if (progressToken is not null) await progress.ReportAsync(progressToken, userId, done, finished: true, ct);

        items.Sort((a, b) => a.Line.CompareTo(b.Line));
        var report = new BibImportReport(items.Count,
            items.Count(i => i.Outcome == "added"), items.Count(i => i.Outcome == "merged"),
            items.Count(i => i.Outcome == "unchanged"), items.Count(i => i.Outcome == "refused"), items,
            items.Count(i => i.ProposalId is not null));
        logger.LogInformation("BibTeX import finished: {Added} added, {Merged} merged, {Unchanged} unchanged, {Refused} refused",
            report.Added, report.Merged, report.Unchanged, report.Refused);
        return report;
    }

    async Task<BibImportItem> ImportEntryAsync(BibtexEntry entry, Guid userId, bool moderator, CancellationToken ct)
    {
        var title = entry.Get("title");
        try
        {
            var outcome = await importer.ImportAsync(BibtexMetadata.From(entry), userId, moderator, ct);
            await db.SaveChangesAsync(ct);
            var status = outcome.Status switch
            {
                ImportStatus.Created => "added",
                ImportStatus.Merged => "merged",
                _ => "unchanged",
            };
            var reason = outcome.Status == ImportStatus.Created ? null
                : moderator ? "Already here; its facts were brought up to date."
                : outcome.Proposed.Count > 0 ? "Already here; only missing facts were added, and the facts that differ were sent to the moderators."
                : "Already here; only missing facts were added.";
            return new BibImportItem(entry.Line, entry.Key, status, outcome.Paper.Key, outcome.Paper.Title, reason, outcome.Changes,
                outcome.Proposed, outcome.Dropped, outcome.Proposal?.Id);
        }
        catch (ImportRefusedException ex)
        {
            return new BibImportItem(entry.Line, entry.Key, "refused", null, title, ex.Message, []);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "BibTeX entry {Key} could not be saved", entry.Key);
            return new BibImportItem(entry.Line, entry.Key, "refused", null, title,
                "It could not be saved (it may clash with a paper added at the same time); import it again.", []);
        }
        finally
        {
            // Each entry stands alone; forgetting tracked rows keeps a large file's import fast.
            db.ChangeTracker.Clear();
        }
    }
}
