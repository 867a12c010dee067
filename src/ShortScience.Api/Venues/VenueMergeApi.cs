using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Api.Import;
using ShortScience.Api.Papers;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Api.Moderation;

namespace ShortScience.Api.Venues;

/// <summary>
/// A moderator merges a venue into another (an imported variant into its canonical venue): papers and
/// aliases move, and the old slug keeps resolving to the venue it was merged into.
/// </summary>
public static class VenueMergeApi
{
    public static void MapVenueMergeApi(this RouteGroupBuilder api) =>
        api.MapPost("/venues/{slug}/merge", MergeAsync).WithTags("Venues").RequireAuthorization(Policies.Moderator);

    static async Task<Results<Ok<VenueListItem>, ProblemHttpResult>> MergeAsync(
        string slug, MergeRequest request, HttpContext http, ShortScienceDb db, VenueResolver venues, TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Into)) return Problems.BadRequest("Name the venue to merge into.", "into");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.Venues.FirstOrDefaultAsync(v => v.Slug == slug, ct);
        if (source is null) return Problems.NotFound($"There is no venue '{slug}'.");
        if (source.MergedIntoId is not null) return Problems.Conflict($"'{slug}' was already merged into another venue.");

        var target = await db.Venues.FirstOrDefaultAsync(v => v.Slug == request.Into, ct) is { } row
            ? await MergeChains.FinalAsync(db, row, ct)
            : VenueCatalogue.Default.BySlug(request.Into) is { } known ? await venues.EnsureAsync(known, ct) : null;
        if (target is null) return Problems.NotFound($"There is no venue '{request.Into}'.");
        if (target == source) return Problems.BadRequest("A venue cannot be merged into itself.", "into");
        await db.SaveChangesAsync(ct);

        var moved = await db.Papers.Where(p => p.VenueId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.VenueId, target.Id), ct);
        await db.VenueAliases.Where(a => a.VenueId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.VenueId, target.Id), ct);
        // Venues merged into this one before now point straight at the target.
        await db.Venues.Where(v => v.MergedIntoId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.MergedIntoId, target.Id), ct);
        await venues.AddAliasesAsync(target, [source.Name, source.ShortName], ct);
        await Follows.FollowMoves.VenueAsync(db, source.Slug, target.Slug, ct);
        source.MergedIntoId = target.Id;
        ModerationLog.Add(db, http.User.RequiredUserId(), "merge-venue", "venue", slug,
            $"into {target.Slug}; {moved} papers moved{(string.IsNullOrWhiteSpace(request.Reason) ? "" : " — " + request.Reason.Trim())}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var papers = await db.Papers.Where(p => p.VenueId == target.Id && p.Status == ContentStatus.Visible)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Summaries = g.Sum(p => p.SummaryCount) }).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new VenueListItem(target.Slug, target.ShortName, target.Name, target.Kind,
            papers?.Count ?? 0, papers?.Summaries ?? 0));
    }
}
