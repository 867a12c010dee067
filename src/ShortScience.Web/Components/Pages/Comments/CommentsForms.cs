using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Comments;

/// <summary>
/// Commenting as plain HTML form posts (post-redirect-get), so it works without JavaScript. Antiforgery is checked on
/// every one; the API decides what the person may do.
/// </summary>
public static class CommentsForms
{
    /// <summary>The flash "form" of a just-deleted comment, whose text is the comment's id.</summary>
    public const string UndoDelete = "undo-comment-delete";

    public static void MapCommentsForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/comment", async ([FromForm] long summaryId, [FromForm] long? parentId, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.PostAsync(summaryId, new CommentRequest(markdown ?? "", parentId), http.RequestAborted);
            if (result.Value is { } created) return LocalUrl.Back(returnUrl, $"comment-{created.Id}");
            var form = parentId is null ? $"new-comment-{summaryId}" : $"reply-{parentId}"; // the form's anchor (comment ids are another sequence)
            flash.Set(http, new FlashMessage(null, result.Problem!.Message, form, markdown));
            return LocalUrl.Back(returnUrl, form);
        });

        actions.MapPost("/comment/edit", async ([FromForm] long id, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.EditAsync(id, markdown ?? "", http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Comment updated.") : new FlashMessage(null, result.Problem!.Message, $"edit-{id}", markdown));
            return LocalUrl.Back(returnUrl, $"comment-{id}");
        });

        actions.MapPost("/comment/delete", async ([FromForm] long id, [FromForm] string? returnUrl, HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.DeleteAsync(id, http.RequestAborted);
            // The notice carries an undo (MainLayout), as a deleted summary's page does.
            flash.Set(http, result.Ok ? new FlashMessage("Comment deleted.", null, UndoDelete, id.ToString(CultureInfo.InvariantCulture))
                : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, null);
        });

        actions.MapPost("/comment/undelete", async ([FromForm] long id, [FromForm] string? returnUrl, HttpContext http, CommentsClient comments, Flash flash) =>
        {
            var result = await comments.UndeleteAsync(id, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Comment restored.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, result.Ok ? $"comment-{id}" : null);
        });
    }
}
