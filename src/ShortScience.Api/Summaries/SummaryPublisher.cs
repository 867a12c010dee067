using ShortScience.Api.Caching;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Figures;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Api.Rendering;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

public abstract record PublishOutcome
{
    public sealed record Published(PublishedRevision Revision, bool Unchanged = false) : PublishOutcome;

    public sealed record Conflict(SaveConflict Details) : PublishOutcome;

    /// <summary>A moderator hid the summary: its author may not change it (nor bring it back by publishing) meanwhile.</summary>
    public sealed record Hidden(string? Reason) : PublishOutcome;

    /// <summary>The text would show nothing on the page (an empty heading, a rule, a zero-width entity): nothing is saved.</summary>
    public sealed record ShowsNothing : PublishOutcome;
}

/// <summary>
/// Adds a revision to a person's summary of a paper. Never overwrites: the new revision must be based on the
/// current one (checked by revision number and by the row's xmin), else the caller gets both texts back.
/// </summary>
public sealed class SummaryPublisher(ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, CacheEviction caches, RemoteFigures remoteFigures, TimeProvider clock)
{
    public async Task<PublishOutcome> PublishAsync(
        Paper paper, Guid userId, string markdown, int? baseRevision, bool? anonymous, string? note, int? restoredFrom, CancellationToken ct,
        DateTimeOffset? draftSeen = null)
    {
        var started = clock.GetUtcNow();
        // Drafts up to this time are the publishing editor's own (or older than what it has seen); later ones are another tab's.
        var ownDraftsUntil = draftSeen is { } seen && seen < started ? seen : started;
        var written = markdown;
        var summary = await db.Summaries.Include(s => s.Current)
            .FirstOrDefaultAsync(s => s.PaperId == paper.Id && s.UserId == userId, ct);
        // Every way of publishing (the editor, restoring a revision) comes through here, so this is where it is refused,
        // before the costly work below. A moderator hiding it meanwhile changes the row's xmin, and the save fails as a conflict.
        if (summary?.Status == SummaryStatus.Hidden) return new PublishOutcome.Hidden(summary.ModerationReason);
        var current = summary?.CurrentRevision ?? 0;
        if ((baseRevision ?? 0) != current)
        {
            return Conflict(current, summary?.Current?.Markdown ?? "", markdown);
        }
        // The text as it stands, published again (a second click, restoring the current revision): a null edit, like a
        // wiki's. No empty revision is added; the draft of that very text goes.
        if (summary is { Status: SummaryStatus.Published, Current: { } shown } && shown.Markdown == markdown
            && (anonymous is null || anonymous == summary.Anonymous))
        {
            await db.Drafts.Where(d => d.UserId == userId && d.PaperId == paper.Id && d.Markdown == written).ExecuteDeleteAsync(ct);
            caches.Unchanged();
            return new PublishOutcome.Published(new PublishedRevision(summary.Id, paper.Key, shown.Number, shown.Html, shown.CreatedAt), Unchanged: true);
        }
        // Images linked on other hosts are copied into the site's store first, so the published text shows the copies.
        markdown = await remoteFigures.KeepAsync(markdown, userId, ct);
        var rendered = await renderer.RenderAsync(markdown, ct);
        if (rendered.ShowsNothing) return new PublishOutcome.ShowsNothing();
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (summary is null)
        {
            summary = new Summary { PaperId = paper.Id, UserId = userId, CreatedAt = now, Status = SummaryStatus.Published };
            db.Summaries.Add(summary);
        }
        var revision = new SummaryRevision
        {
            Summary = summary, Number = current + 1, Markdown = markdown, Html = rendered.Html, ExcerptHtml = rendered.ExcerptHtml,
            PlainText = rendered.PlainText, RendererVersion = rendered.RendererVersion, EditorId = userId, CreatedAt = now,
            Note = Visible.IsBlank(note) ? null : note.Trim(), RestoredFrom = restoredFrom,
        };
        db.SummaryRevisions.Add(revision);
        summary.CurrentRevision = revision.Number;
        summary.Anonymous = anonymous ?? summary.Anonymous; // left out: as it was (a new summary is signed)
        summary.UpdatedAt = now;
        if (summary.Status is SummaryStatus.Draft or SummaryStatus.Deleted) summary.Status = SummaryStatus.Published;
        summary.PublishedAt ??= now;
        try
        {
            await db.SaveChangesAsync(ct);
            summary.Current = revision;
            await db.SaveChangesAsync(ct);
            // The draft this publishes goes (the editor's last autosave may lag the text it publishes); one another tab
            // saved after the newest the editor has seen, with other text, stays for that tab. A restore publishes an
            // old revision, not the draft: it takes only a draft of that very text.
            await db.Drafts.Where(d => d.UserId == userId && d.PaperId == paper.Id
                    && (d.Markdown == written || (restoredFrom == null && d.UpdatedAt <= ownDraftsUntil)))
                .ExecuteDeleteAsync(ct);
            await PaperStats.RefreshAsync(db, paper.Id, ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException
            || (ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } }))
        {
            // Someone else published from the same base a moment ago; report what they wrote.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.Summaries.AsNoTracking().Where(s => s.PaperId == paper.Id && s.UserId == userId)
                .Select(s => new { s.CurrentRevision, Markdown = s.Current!.Markdown }).FirstOrDefaultAsync(ct);
            return Conflict(winner?.CurrentRevision ?? 0, winner?.Markdown ?? "", markdown);
        }
        await citations.RecordSummaryAsync(summary.Id, ct);
        await caches.SummaryChangedAsync(summary.Id, ct);
        return new PublishOutcome.Published(new PublishedRevision(summary.Id, paper.Key, revision.Number, revision.Html, now));
    }

    static PublishOutcome.Conflict Conflict(int current, string theirs, string yours) =>
        new(new SaveConflict(current, theirs, yours, TextDiffer.Compare(theirs, yours)));
}

public static class PaperStats
{
    /// <summary>Recomputes a paper's denormalized summary count and latest summary time from the summaries.</summary>
    public static Task<int> RefreshAsync(ShortScienceDb db, long paperId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE papers p SET
              summary_count = (SELECT count(*) FROM summaries s WHERE s.paper_id = p.id AND s.status = 1),
              last_summary_at = (SELECT max(s.published_at) FROM summaries s WHERE s.paper_id = p.id AND s.status = 1)
            WHERE p.id = {paperId}
            """, ct);
}
