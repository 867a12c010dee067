using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Votes;

/// <summary>
/// Up and down votes on summaries, comments, questions and answers (<see cref="Votables"/>): one per person per target, changeable and removable (0).
/// Scores change by the vote's delta in the same transaction, under a per-vote lock, so they stay exact
/// however many people vote at once.
/// </summary>
public static class VotesApi
{
    public static void MapVotesApi(this RouteGroupBuilder api) =>
        api.MapPut("/votes/{targetType}/{id:long}", VoteAsync).WithTags("Votes")
            .RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Voting);

    static async Task<Results<Ok<VoteResult>, ProblemHttpResult>> VoteAsync(
        string targetType, long id, VoteRequest request, HttpContext http, ShortScienceDb db, CacheEviction cache, TimeProvider clock, CancellationToken ct)
    {
        if (Votables.Parse(targetType) is not { } target) return Problems.BadRequest($"Votes go to {Votables.Names}.", "targetType");
        if (request.Value is not (>= -1 and <= 1)) return Problems.BadRequest("A vote is -1, 0 (remove) or 1.", "value");
        var userId = http.User.RequiredUserId();

        var owner = await Votables.VotableOwnerAsync(db, target, id, ct);
        if (owner is null) return Problems.NotFound($"There is no {Votables.Name(target)} {id} to vote on.");
        if (owner == userId) return Problems.Forbidden("What you wrote yourself cannot get your vote.");

        var now = clock.GetUtcNow();
        var value = (short)request.Value.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One person voting twice at once must not count twice: serialize per (person, target).
        await db.Database.LockForTransactionAsync($"{userId}:{(int)target}:{id}", ct);
        var old = await db.Votes.Where(v => v.UserId == userId && v.TargetType == target && v.TargetId == id).Select(v => (short?)v.Value).FirstOrDefaultAsync(ct) ?? 0;
        if (old != value)
        {
            if (value == 0)
            {
                await db.Votes.Where(v => v.UserId == userId && v.TargetType == target && v.TargetId == id).ExecuteDeleteAsync(ct);
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO votes (user_id, target_type, target_id, value, created_at, updated_at)
                    VALUES ({userId}, {(int)target}, {id}, {value}, {now}, {now})
                    ON CONFLICT (user_id, target_type, target_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, ct);
            }
            var (delta, up, down) = Votables.Change(old, value);
            await Votables.AdjustAsync(db, target, id, delta, up, down, ct);
            // A vote cast counts once toward "popular" and a vote withdrawn takes it back, so voting and unvoting in a
            // loop heats nothing; changing one's mind (up to down) is still one vote.
            var cast = (old, value) switch { (0, not 0) => 1, (not 0, 0) => -1, _ => 0 };
            if (target == VoteTarget.Summary && cast != 0) await CountForPopularityAsync(db, id, DateOnly.FromDateTime(now.UtcDateTime), cast, ct);
        }
        await tx.CommitAsync(ct);
        if (old != value) await cache.VoteChangedAsync(target, id, ct);
        else cache.Unchanged();

        return TypedResults.Ok(new VoteResult(Votables.Name(target), id, await Votables.ScoreAsync(db, target, id, ct), value));
    }

    /// <summary>Today's votes on a summary, for the "popular" list (never below none).</summary>
    static Task<int> CountForPopularityAsync(ShortScienceDb db, long summaryId, DateOnly day, int change, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO summary_daily_stats (summary_id, day, views, votes) VALUES ({summaryId}, {day}, 0, {Math.Max(change, 0)})
            ON CONFLICT (summary_id, day) DO UPDATE SET votes = GREATEST(summary_daily_stats.votes + {change}, 0)
            """, ct);
}
