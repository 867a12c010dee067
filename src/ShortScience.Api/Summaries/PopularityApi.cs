using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>Counts reads of a paper's summaries (a beacon from the page, so cached pages count too).</summary>
public static class PopularityApi
{
    /// <summary>How far back "popular" looks.</summary>
    public const int WindowDays = 14;

    /// <summary>One vote weighs as much as this many views.</summary>
    public const int VoteWeight = 10;

    public static void MapPopularityApi(this RouteGroupBuilder api) =>
        api.MapPost("/papers/{key}/views", CountAsync).WithTags("Summaries").RequireRateLimiting(RateLimits.Views);

    static async Task<Results<NoContent, ProblemHttpResult>> CountAsync(string key, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        var ids = await db.Summaries.Where(s => s.Paper.Key == key && s.Paper.Status == ContentStatus.Visible && s.Status == SummaryStatus.Published)
            .Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) return TypedResults.NoContent();
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO summary_daily_stats (summary_id, day, views, votes) SELECT id, {day}, 1, 0 FROM unnest({ids.ToArray()}) AS id
            ON CONFLICT (summary_id, day) DO UPDATE SET views = summary_daily_stats.views + 1
            """, ct);
        await db.Summaries.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.ViewCount, x => x.ViewCount + 1), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Summaries by activity in the window: (heat, id) pairs after the cursor, best first.</summary>
    public static async Task<List<(long Id, int Heat)>> TopAsync(ShortScienceDb db, DateTimeOffset now, long? afterHeat, long? afterId, int take, CancellationToken ct, string? field = null)
    {
        var since = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-WindowDays));
        var heat = db.SummaryDailyStats.Where(d => d.Day >= since)
            .GroupBy(d => d.SummaryId)
            .Select(g => new { Id = g.Key, Heat = g.Sum(x => x.Views) + VoteWeight * g.Sum(x => x.Votes) });
        if (afterHeat is { } h && afterId is { } i) heat = heat.Where(x => x.Heat < h || (x.Heat == h && x.Id < i));
        var summaries = db.Summaries.Where(s => s.Status == SummaryStatus.Published && s.Paper.Status == ContentStatus.Visible);
        if (field is not null) summaries = summaries.Where(s => s.Paper.Field == field);
        var rows = await heat.Join(summaries,
                x => x.Id, s => s.Id, (x, s) => x)
            .OrderByDescending(x => x.Heat).ThenByDescending(x => x.Id).Take(take)
            .ToListAsync(ct);
        return rows.ConvertAll(r => (r.Id, r.Heat));
    }
}
