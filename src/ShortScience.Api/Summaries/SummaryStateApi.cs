using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Api.Moderation;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>Soft delete (and undo) by the author; hide and restore by moderators, with a reason, logged.</summary>
public static class SummaryStateApi
{
    /// <param name="summary">The root of one summary (<c>/summaries/{id}</c>).</param>
    public static void MapSummaryStateApi(this RouteGroupBuilder summary)
    {
        var author = summary.MapGroup("/").RequireAuthorization(Policies.Member);
        author.MapDelete("/", DeleteAsync);
        author.MapPost("/undelete", UndeleteAsync);
        var moderator = summary.MapGroup("/").RequireAuthorization(Policies.Moderator);
        moderator.MapPost("/hide", HideAsync);
        moderator.MapPost("/unhide", UnhideAsync);
    }

    static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext http, ShortScienceDb db, CacheEviction caches, CancellationToken ct) =>
        AuthorChangeAsync(id, http, db, caches, SummaryStatus.Published, SummaryStatus.Deleted, ct);

    static Task<Results<NoContent, ProblemHttpResult>> UndeleteAsync(long id, HttpContext http, ShortScienceDb db, CacheEviction caches, CancellationToken ct) =>
        AuthorChangeAsync(id, http, db, caches, SummaryStatus.Deleted, SummaryStatus.Published, ct);

    static async Task<Results<NoContent, ProblemHttpResult>> AuthorChangeAsync(
        long id, HttpContext http, ShortScienceDb db, CacheEviction caches, SummaryStatus from, SummaryStatus to, CancellationToken ct)
    {
        var summary = await db.Summaries.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (summary is null) return Problems.NotFound($"There is no summary {id}.");
        if (summary.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only the author can delete or restore their summary.");
        if (summary.Status == SummaryStatus.Hidden)
        {
            // Hidden by a moderator: the author may still take it down for good (it stays down when unhidden),
            // but not bring it back while it is hidden.
            if (to != SummaryStatus.Deleted) return WritingApi.HiddenProblem(summary.ModerationReason);
            summary.StatusBeforeHidden = SummaryStatus.Deleted;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }
        if (summary.Status == to) return TypedResults.NoContent();
        if (summary.Status != from) return Problems.Conflict($"The summary is {summary.Status.ToString().ToLowerInvariant()}, so this cannot be done.");
        summary.Status = to;
        await db.SaveChangesAsync(ct);
        await PaperStats.RefreshAsync(db, summary.PaperId, ct);
        await caches.SummaryChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> HideAsync(
        long id, ModerationRequest request, HttpContext http, Moderator moderator, CancellationToken ct)
    {
        // The same as POST /moderation/summary/{id}/hide (its reports are closed too); the request's limits are checked.
        if (Visible.IsBlank(request.Reason)) return Problems.BadRequest("Give a reason; the author will see it.", "reason");
        return await moderator.HideAsync(http.User.RequiredUserId(), FlagTarget.Summary, Moderator.Id(id), request.Reason.Trim(), null, ct)
            ? TypedResults.NoContent() : Problems.NotFound($"There is no summary {id}.");
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnhideAsync(
        long id, ModerationRequest? request, HttpContext http, Moderator moderator, CancellationToken ct) =>
        await moderator.SetHiddenAsync(http.User.RequiredUserId(), FlagTarget.Summary, Moderator.Id(id), false, request?.Reason?.Trim(), null, ct)
            ? TypedResults.NoContent() : Problems.NotFound($"There is no summary {id}.");
}
