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

        // Admins grant and revoke the moderator role (the API refuses anyone else and logs who did it).
        actions.MapPost("/moderators/grant", async ([FromForm] string userName, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.SetModeratorAsync(userName.Trim(), true, http.RequestAborted), $"{userName.Trim()} is a moderator.", ModeratorsPage));
        actions.MapPost("/moderators/revoke", async ([FromForm] string userName, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.SetModeratorAsync(userName.Trim(), false, http.RequestAborted), $"{userName.Trim()} no longer moderates.", ModeratorsPage));

        // Proposed corrections to a paper's facts: a moderator applies or rejects each, with an optional reason.
        actions.MapPost("/edits/{id:long}/apply", async (long id, [FromForm] string? reason, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.ReviewPaperEditAsync(id, true, Reason(reason), http.RequestAborted), "Edit applied to the paper.", EditsPage));
        actions.MapPost("/edits/{id:long}/reject", async (long id, [FromForm] string? reason, HttpContext http, ModerationClient moderation, Flash flash) =>
            Done(http, flash, await moderation.ReviewPaperEditAsync(id, false, Reason(reason), http.RequestAborted), "Edit rejected.", EditsPage));
    }

    const string ModeratorsPage = "/moderation/moderators";
    const string EditsPage = "/moderation/edits";

    static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    static IResult Done<T>(HttpContext http, Flash flash, ApiResult<T> result, string notice, string page = "/moderation")
    {
        flash.Set(http, result.Ok ? new FlashMessage(notice) : new FlashMessage(null, result.Problem!.Message));
        return TypedResults.Redirect(page);
    }
}
