using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

/// <summary>The moderation queue's buttons: plain form posts, checked by the API (moderators only).</summary>
public static class ModerationActions
{
    public static void MapModerationActions(this WebApplication app)
    {
        var actions = app.MapGroup("/actions/moderation").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/flags/{id:long}/dismiss", async (long id, [FromForm] string? reason, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.DismissFlagAsync(id, reason, http.RequestAborted), "Report dismissed."));

        actions.MapPost("/flags/{id:long}/hide", async (long id, [FromForm] string? reason, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.HideFlaggedAsync(id, reason ?? "", http.RequestAborted), "Hidden. The reports on it are closed."));

        actions.MapPost("/restore", async ([FromForm] string targetType, [FromForm] string targetId, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.RestoreAsync(targetType, targetId, http.RequestAborted), "Restored."));

        actions.MapPost("/ban", async ([FromForm] string userName, [FromForm] string? reason, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.BanAsync(userName, reason ?? "", http.RequestAborted), $"{userName} is banned."));

        actions.MapPost("/unban", async ([FromForm] string userName, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.UnbanAsync(userName, http.RequestAborted), $"{userName} may post again."));
    }

    static IResult Done(HttpContext http, Flash flash, ApiResult<object> result, string notice)
    {
        flash.Set(http, result.Ok ? new FlashMessage(notice) : new FlashMessage(null, result.Problem!.Message));
        return TypedResults.Redirect("/moderation");
    }
}
