using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Papers;

/// <summary>The signed-in reader's standing with one paper, for its page: follows and reading list in one statement.</summary>
public static class MyPaperApi
{
    public static void MapMyPaperApi(this RouteGroupBuilder me) =>
        me.MapGet("/papers/{key}", StateAsync).WithTags("Papers");

    /// <summary>404 for a paper nobody can see, as its page would answer.</summary>
    static async Task<Results<Ok<MyPaperState>, ProblemHttpResult>> StateAsync(string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var me = http.User.RequiredUserId();
        var state = await db.Papers.AsNoTracking()
            .Where(p => p.Key == key && p.Status == ContentStatus.Visible)
            .Select(p => new MyPaperState(
                db.Follows.Any(f => f.UserId == me && f.TargetType == FollowTarget.Paper && f.TargetKey == p.Key),
                p.Venue != null && db.Follows.Any(f => f.UserId == me && f.TargetType == FollowTarget.Venue && f.TargetKey == p.Venue.Slug),
                db.ReadingList.Any(e => e.UserId == me && e.PaperId == p.Id)))
            .FirstOrDefaultAsync(ct);
        return state is null ? Problems.NotFound($"There is no paper with the key '{key}'.") : TypedResults.Ok(state);
    }
}
