using ShortScience.Web.Components.Pages.Papers;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.ReadingList;

/// <summary>
/// "Save for later", notes and removal as plain form posts (post-redirect-get with a flash message), so the reading list
/// works without JavaScript; plus its BibTeX download, fetched with the person's token.
/// </summary>
public static class ReadingListForms
{
    public static void MapReadingListForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions/reading-list").RequireAuthorization();

        actions.MapPost("/save", async ([FromForm] string key, [FromForm] string? note, [FromForm] string? returnUrl,
            HttpContext http, ReadingListClient list, Flash flash) =>
        {
            var result = await list.SaveAsync(key, note, http.RequestAborted);
            flash.Set(http, result.Ok
                ? new FlashMessage(note is null ? "Saved to your reading list." : "Your note is saved.")
                : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        actions.MapPost("/remove", async ([FromForm] string key, [FromForm] string? returnUrl,
            HttpContext http, ReadingListClient list, Flash flash) =>
        {
            var result = await list.RemoveAsync(key, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Removed from your reading list.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        actions.MapPost("/feed/regenerate", async (HttpContext http, ReadingListClient list, Flash flash) =>
        {
            var result = await list.RegenerateFeedAsync(http.RequestAborted);
            flash.Set(http, result.Ok
                ? new FlashMessage("Your reading list's feed has a new address; the old one no longer works. Update your feed reader.")
                : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back("/reading-list", null);
        });

        // "My work" and the editor: throw a draft away.
        app.MapPost("/actions/drafts/discard", async ([FromForm] string key, [FromForm] string? returnUrl,
            HttpContext http, SummariesClient summaries, Flash flash) =>
        {
            var result = await summaries.DiscardDraftAsync(key, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("The draft is discarded.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        }).RequireAuthorization();

        foreach (var (extension, contentType) in PapersEndpoints.Formats)
        {
            app.MapGet($"/reading-list.{extension}", async (HttpContext http, ReadingListClient list, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "private, no-store";
                return await list.GetExportAsync(extension, ct) is { } file
                    ? Results.File(file, contentType, $"shortscience-reading-list.{extension}")
                    : Results.NotFound();
            }).RequireAuthorization();
        }
    }
}
