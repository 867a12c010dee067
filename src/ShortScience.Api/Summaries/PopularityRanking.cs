using Microsoft.EntityFrameworkCore;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Summaries;

/// <summary>
/// The "popular" order (views plus weighted votes over the last <see cref="PopularityApi.WindowDays"/> days) as a
/// snapshot in memory, rebuilt at most every <c>Caching:PopularitySeconds</c> (60 by default; 0 = every request).
/// </summary>
/// <remarks>
/// Summing the daily stats for every request took about a second with a million summaries (280,000 stat rows
/// in the window); the snapshot costs that once a minute, in the background of one request while the others
/// keep the previous one. Readers see popularity a minute late at most; hidden or deleted summaries still never
/// show, since the page's own query filters visibility.
/// </remarks>
public sealed class PopularityRanking(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<PopularityRanking> logger)
{
    sealed record Snapshot(DateTimeOffset At, List<(long Id, int Heat, string? Field)> Rows);

    readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Caching:PopularitySeconds", 60));
    readonly SemaphoreSlim _building = new(1, 1);
    Snapshot? _snapshot;

    /// <summary>(id, heat) after the cursor, hottest first, optionally of one field.</summary>
    public async Task<List<(long Id, int Heat)>> TopAsync(long? afterHeat, long? afterId, int take, string? field, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        IEnumerable<(long Id, int Heat, string? Field)> rows = snapshot.Rows;
        if (field is not null) rows = rows.Where(r => r.Field == field);
        if (afterHeat is { } h && afterId is { } i) rows = rows.Where(r => r.Heat < h || (r.Heat == h && r.Id < i));
        return rows.Take(take).Select(r => (r.Id, r.Heat)).ToList();
    }

    async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && now - snapshot.At < _lifetime) return snapshot;
        // One request rebuilds; the others keep the old snapshot meanwhile (or wait for the first one).
        if (snapshot is not null && !await _building.WaitAsync(0, ct)) return snapshot;
        if (snapshot is null) await _building.WaitAsync(ct);
        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null && now - snapshot.At < _lifetime) return snapshot;
            var started = System.Diagnostics.Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
            var since = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-PopularityApi.WindowDays));
            var heat = db.SummaryDailyStats.Where(d => d.Day >= since)
                .GroupBy(d => d.SummaryId)
                .Select(g => new { Id = g.Key, Heat = g.Sum(x => x.Views) + PopularityApi.VoteWeight * g.Sum(x => x.Votes) });
            var visible = db.Summaries.Published();
            var rows = await heat.Join(visible, x => x.Id, s => s.Id, (x, s) => new { x.Id, x.Heat, s.Paper.Field })
                .OrderByDescending(x => x.Heat).ThenByDescending(x => x.Id)
                // Reads the whole stats window by design, once a minute at most; bench.sh plans lists it apart.
                .TagWith(PlanTags.Background + " popularity snapshot")
                .ToListAsync(ct);
            snapshot = new Snapshot(now, rows.ConvertAll(r => (r.Id, r.Heat, r.Field)));
            Volatile.Write(ref _snapshot, snapshot);
            logger.LogInformation("Popularity ranking of {Count} summaries built in {Elapsed} ms", rows.Count, started.ElapsedMilliseconds);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }
}
