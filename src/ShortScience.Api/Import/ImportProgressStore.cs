using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Import;

/// <summary>
/// A .bib import's progress under the token its client chose (<c>?progress=</c>), in PostgreSQL so that whichever API
/// replica is asked can answer; only the importing member reads it. Rows are forgotten a day after their last change
/// (at the start of the next import that reports progress).
/// </summary>
public sealed class ImportProgressStore(ShortScienceDb db, TimeProvider clock)
{
    static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>Starts (or, for the same member, starts again) the record; another member's token is left alone.</summary>
    public async Task StartAsync(string token, Guid userId, int total, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var old = now - Kept;
        await db.ImportProgress.Where(p => p.UpdatedAt < old).ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO import_progress (token, user_id, done, total, finished, updated_at) VALUES ({token}, {userId}, 0, {total}, false, {now})
            ON CONFLICT (token) DO UPDATE SET done = 0, total = EXCLUDED.total, finished = false, updated_at = EXCLUDED.updated_at
            WHERE import_progress.user_id = EXCLUDED.user_id
            """, ct);
    }

    public async Task ReportAsync(string token, Guid userId, int done, bool finished, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.ImportProgress.Where(p => p.Token == token && p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Done, done).SetProperty(p => p.Finished, finished).SetProperty(p => p.UpdatedAt, now), ct);
    }

    public Task<ImportProgressView?> ReadAsync(string token, Guid userId, CancellationToken ct) =>
        db.ImportProgress.AsNoTracking().Where(p => p.Token == token && p.UserId == userId)
            .Select(p => new ImportProgressView(p.Done, p.Total, p.Finished)).FirstOrDefaultAsync(ct)!;
}
