using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShortScience.Api.Caching;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Figures;

/// <summary>Thrown when keeping a figure would take its owner over their quota (413).</summary>
public sealed class FigureQuotaException(string detail) : Exception(detail);

/// <summary>
/// The figures the site keeps: adding one (stored once however often it is uploaded, counted against its first
/// uploader's quota), and removing them (take-down, account deletion, orphans nobody's text mentions).
/// </summary>
public sealed class FigureLibrary(ShortScienceDb db, IFigureStore store, CacheEviction caches, IOptions<FigureOptions> options, TimeProvider clock, ILogger<FigureLibrary> logger)
{
    /// <summary>Keeps <paramref name="figure"/> for <paramref name="ownerId"/>; the same image already kept is answered as it is.</summary>
    public async Task<FigureUploaded> KeepAsync(ProcessedFigure figure, Guid? ownerId, CancellationToken ct)
    {
        var existing = await db.Figures.AsNoTracking().Where(f => f.Hash == figure.Hash && f.Variant == FigureLinks.Original).FirstOrDefaultAsync(ct);
        if (existing is not null) return Answer(existing);
        // A moderator's take-down holds for the image, not only for the copy that was up: the same image (its name is
        // its content) cannot be brought back by uploading it again or linking it from elsewhere.
        if (await db.ModerationActions.AnyAsync(a => a.TargetType == TakenDownType && a.TargetId == figure.Hash && a.Action == TakeDownAction, ct))
            throw new FigureRefusedException(422, "This image was taken down by a moderator and cannot be added again.");

        var variants = figure.Column is null ? new[] { figure.Original } : [figure.Original, figure.Column];
        var size = variants.Sum(v => (long)v.Data.Length);
        // Bytes first (idempotent), then the rows that make them visible, in one transaction with a PostgreSQL store.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (ownerId is { } owner)
        {
            // One member's uploads at once are counted one after the other, or together they would pass the quota.
            await db.Database.LockForTransactionAsync($"figure-quota:{owner}", ct);
            var used = await db.Figures.Where(f => f.OwnerId == owner).SumAsync(f => (long?)f.Length, ct) ?? 0;
            if (used + size > options.Value.QuotaBytesPerMember)
                throw new FigureQuotaException(
                    $"This figure ({Megabytes(size)}) does not fit your quota: your figures use {Megabytes(used)} of {Megabytes(options.Value.QuotaBytesPerMember)}. Figures no text uses are removed after a day.");
        }

        foreach (var v in variants) await store.SaveAsync(figure.Hash, v.Name, v.Data, ct);
        var now = clock.GetUtcNow();
        foreach (var v in variants)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO figures (hash, variant, content_type, width, height, length, owner_id, created_at)
                VALUES ({figure.Hash}, {v.Name}, {FigureVariant.ContentType}, {v.Width}, {v.Height}, {(long)v.Data.Length}, {ownerId}, {now})
                ON CONFLICT (hash, variant) DO NOTHING
                """, ct);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Kept figure {Hash} ({Width}x{Height}, {Bytes} bytes) for {OwnerId}",
            figure.Hash, figure.Original.Width, figure.Original.Height, figure.Original.Data.Length, ownerId);
        return new FigureUploaded(FigureLinks.Url(figure.Hash), figure.Original.Width, figure.Original.Height, figure.Original.Data.Length);
    }

    /// <summary>How a take-down is written in the moderation log (action, target type; the target id is the hash).</summary>
    public const string TakeDownAction = "take-down", TakenDownType = "figure";

    static FigureUploaded Answer(Figure f) => new(FigureLinks.Url(f.Hash), f.Width, f.Height, f.Length);

    static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";

    /// <summary>Removes a figure's bytes and rows; false when there is no such figure.</summary>
    public async Task<bool> RemoveAsync(string hash, CancellationToken ct)
    {
        var removed = await DeleteAsync(hash, ct);
        // The Web host keeps figures it served (immutable); a removed one must stop being served there too.
        await caches.FiguresRemovedAsync([hash], ct);
        return removed;
    }

    /// <summary>Removes several figures, then evicts their copies at the edge in one go.</summary>
    async Task RemoveAllAsync(IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        foreach (var hash in hashes) await DeleteAsync(hash, ct);
        await caches.FiguresRemovedAsync(hashes, ct);
    }

    async Task<bool> DeleteAsync(string hash, CancellationToken ct)
    {
        var removed = await db.Figures.Where(f => f.Hash == hash).ExecuteDeleteAsync(ct);
        await store.DeleteAsync(hash, ct);
        if (removed > 0) logger.LogInformation("Removed figure {Hash}", hash);
        return removed > 0;
    }

    /// <summary>The hashes among <paramref name="candidates"/> that no summary revision, draft, comment, question or answer mentions.</summary>
    public async Task<List<string>> UnusedAsync(IReadOnlyCollection<string> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return [];
        return await db.Database.SqlQuery<string>($"""
            SELECT c.hash AS "Value" FROM unnest({candidates.ToArray()}) AS c(hash)
            WHERE NOT EXISTS (SELECT 1 FROM summary_revisions r WHERE strpos(r.markdown, c.hash) > 0)
              AND NOT EXISTS (SELECT 1 FROM drafts d WHERE strpos(d.markdown, c.hash) > 0)
              AND NOT EXISTS (SELECT 1 FROM comments m WHERE strpos(m.markdown, c.hash) > 0)
              AND NOT EXISTS (SELECT 1 FROM questions q WHERE strpos(q.markdown, c.hash) > 0)
              AND NOT EXISTS (SELECT 1 FROM answers a WHERE strpos(a.markdown, c.hash) > 0)
            """).ToListAsync(ct);
    }

    /// <summary>Before an account goes: its figures nothing else uses are removed; the rest stay, owned by nobody.</summary>
    public async Task<int> RemoveUnusedOfAsync(Guid ownerId, CancellationToken ct)
    {
        var mine = await db.Figures.Where(f => f.OwnerId == ownerId && f.Variant == FigureLinks.Original).Select(f => f.Hash).ToListAsync(ct);
        var unused = await UnusedAsync(mine, ct);
        await RemoveAllAsync(unused, ct);
        return unused.Count;
    }

    /// <summary>Where a walk through old uploads stopped (the last one looked at), to go on from there the next time.</summary>
    public readonly record struct OrphanCursor(DateTimeOffset CreatedAt, string Hash);

    // Candidates looked at per query, most looked at per run, most removed per run.
    const int OrphanPage = 500, OrphanCandidates = 5000, OrphanRemovals = 500;

    /// <summary>Uploads older than the orphan age that nothing mentions: an abandoned draft's figures, a test upload.</summary>
    public async Task<int> RemoveOrphansAsync(CancellationToken ct) => (await RemoveOrphansAsync(null, ct)).Removed;

    /// <summary>
    /// Removes orphans among the old uploads from <paramref name="from"/> on (oldest first), a page at a time, so old
    /// figures still in use never keep later orphans from being found; stops after a budget of candidates or removals.
    /// Next is where to go on, null once the walk reached the newest old upload (the next run starts over).
    /// </summary>
    public async Task<(int Removed, OrphanCursor? Next)> RemoveOrphansAsync(OrphanCursor? from, CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.OrphanAge;
        var (removed, looked, cursor) = (0, 0, from);
        while (removed < OrphanRemovals && looked < OrphanCandidates)
        {
            var old = db.Figures.AsNoTracking().Where(f => f.Variant == FigureLinks.Original && f.CreatedAt < before);
            if (cursor is { } after)
                old = old.Where(f => f.CreatedAt > after.CreatedAt || (f.CreatedAt == after.CreatedAt && string.Compare(f.Hash, after.Hash) > 0));
            var page = await old.OrderBy(f => f.CreatedAt).ThenBy(f => f.Hash)
                .Select(f => new { f.Hash, f.CreatedAt }).Take(OrphanPage).ToListAsync(ct);
            if (page.Count == 0) return (removed, null);
            looked += page.Count;
            var orphans = (await UnusedAsync(page.Select(f => f.Hash).ToList(), ct)).ToHashSet();
            var unused = page.Where(f => orphans.Contains(f.Hash)).Take(OrphanRemovals - removed).ToList();
            // On after the last one looked at, or after the last one removed when the removals ran out (the rest next time).
            var last = unused.Count < orphans.Count ? unused[^1] : page[^1];
            cursor = new OrphanCursor(last.CreatedAt, last.Hash);
            await RemoveAllAsync(unused.Select(f => f.Hash).ToList(), ct);
            removed += unused.Count;
            if (page.Count < OrphanPage && unused.Count == orphans.Count) return (removed, null);
        }
        return (removed, cursor);
    }
}
