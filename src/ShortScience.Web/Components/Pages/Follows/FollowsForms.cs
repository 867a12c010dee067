using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Follows;

/// <summary>
/// Follow and unfollow as plain form posts (post-redirect-get with a flash message), so follow buttons and the private-feed
/// controls work without JavaScript; plus the OPML download, fetched with the person's token.
/// </summary>
public static class FollowsForms
{
    public static void MapFollowsForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions").RequireAuthorization();

        actions.MapPost("/follow", async ([FromForm] string type, [FromForm] string key, [FromForm] string? title, [FromForm] string? returnUrl,
            HttpContext http, FollowsClient follows, Flash flash) =>
        {
            var result = await follows.FollowAsync(type, key, http.RequestAborted);
            flash.Set(http, result.Ok
                ? new FlashMessage($"You follow {title ?? key}. New summaries appear on your Following page.")
                : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        actions.MapPost("/unfollow", async ([FromForm] string type, [FromForm] string key, [FromForm] string? title, [FromForm] string? returnUrl,
            HttpContext http, FollowsClient follows, Flash flash) =>
        {
            var result = await follows.UnfollowAsync(type, key, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage($"You no longer follow {title ?? key}.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        actions.MapPost("/feed/regenerate", async ([FromForm] string? confirm, HttpContext http, FollowsClient follows, Flash flash) =>
        {
            var result = await follows.RegeneratePrivateFeedAsync(http.RequestAborted);
            flash.Set(http, result.Ok
                ? new FlashMessage("Your private feed has a new address; the old one no longer works. Update your feed reader.")
                : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back("/account/settings", "following");
        });

        actions.MapPost("/feed/revoke", async ([FromForm] string? confirm, HttpContext http, FollowsClient follows, Flash flash) =>
        {
            var result = await follows.RevokePrivateFeedAsync(http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Your private feed is switched off.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back("/account/settings", "following");
        });

        app.MapGet("/account/follows.opml", async (FollowsClient follows, CancellationToken ct) =>
            await follows.GetOpmlAsync(ct) is { } opml
                ? Results.File(opml, "text/x-opml; charset=utf-8", "shortscience-follows.opml")
                : Results.NotFound()).RequireAuthorization();
    }
}
