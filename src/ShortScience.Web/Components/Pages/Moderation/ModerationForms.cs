using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Moderation;

/// <summary>
/// Reporting (any signed-in person) and the moderation queue's buttons (moderators only, checked by the API), as plain
/// form posts with post-redirect-get.
/// </summary>
public static class ModerationForms
{
    public static void MapModerationForms(this WebApplication app)
    {
        // [FromForm] parameters make every post check its antiforgery token.
        app.MapGroup("/actions").RequireAuthorization().MapPost("/flag", async ([FromForm] string targetType, [FromForm] string targetId,
            [FromForm] string? reason, [FromForm] string? returnUrl, HttpContext http, ModerationClient moderation, Flash flash) =>
        {
            var result = await moderation.FlagAsync(new FlagRequest(targetType, targetId, reason ?? ""), http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Thank you. A moderator will look at your report.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        var actions = app.MapGroup("/actions/moderation").RequireAuthorization();

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
