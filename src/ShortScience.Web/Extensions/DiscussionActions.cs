using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

/// <summary>
/// Plain HTML form posts for discussion (post-redirect-get), so commenting, voting and reporting work without
/// JavaScript. Antiforgery is checked on every one; the API decides what the person may do.
/// </summary>
public static class DiscussionActions
{
    public static void MapDiscussionActions(this WebApplication app)
    {
        var actions = app.MapGroup("/actions").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/vote", async ([FromForm] string targetType, [FromForm] long id, [FromForm] int value, [FromForm] string? returnUrl,
            HttpContext http, VotesClient votes, Flash flash) =>
        {
            var result = await votes.VoteAsync(targetType, id, value, http.RequestAborted);
            if (!result.Ok) flash.Set(http, new FlashMessage(null, result.Problem!.Message));
            return Back(returnUrl, targetType.StartsWith("comment", StringComparison.Ordinal) ? $"comment-{id}" : $"summary-{id}");
        });

        actions.MapPost("/comment", async ([FromForm] long summaryId, [FromForm] long? parentId, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.PostAsync(summaryId, new CommentRequest(markdown ?? "", parentId), http.RequestAborted);
            if (result.Value is { } created) return Back(returnUrl, $"comment-{created.Id}");
            var form = parentId is null ? $"comment-{summaryId}" : $"reply-{parentId}";
            flash.Set(http, new FlashMessage(null, result.Problem!.Message, form, markdown));
            return Back(returnUrl, form);
        });

        actions.MapPost("/comment/edit", async ([FromForm] long id, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.EditAsync(id, markdown ?? "", http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Comment updated.") : new FlashMessage(null, result.Problem!.Message, $"edit-{id}", markdown));
            return Back(returnUrl, $"comment-{id}");
        });

        actions.MapPost("/comment/delete", async ([FromForm] long id, [FromForm] string? returnUrl, HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.DeleteAsync(id, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Comment deleted.") : new FlashMessage(null, result.Problem!.Message));
            return Back(returnUrl, null);
        });

        actions.MapPost("/flag", async ([FromForm] string targetType, [FromForm] string targetId, [FromForm] string? reason, [FromForm] string? returnUrl,
            HttpContext http, ModerationClient moderation, Flash flash) =>
        {
            var result = await moderation.FlagAsync(new FlagRequest(targetType, targetId, reason ?? ""), http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Thank you. A moderator will look at your report.") : new FlashMessage(null, result.Problem!.Message));
            return Back(returnUrl, null);
        });

        actions.MapPost("/notifications/read", async ([FromForm] string? returnUrl, HttpContext http, NotificationsClient notifications) =>
        {
            await notifications.MarkAllReadAsync(http.RequestAborted);
            return Back(returnUrl ?? "/notifications", null);
        });
    }

    public static IResult Back(string? returnUrl, string? anchor)
    {
        var url = LocalUrl.OrHome(returnUrl);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        return TypedResults.Redirect(anchor is null ? url : $"{url}#{anchor}");
    }
}
