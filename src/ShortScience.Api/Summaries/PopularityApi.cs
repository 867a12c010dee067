using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

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
        var ids = await db.Summaries.Published().Where(s => s.Paper.Key == key)
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
}
