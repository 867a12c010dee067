using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;

namespace ShortScience.Web.Components.Pages.Notifications;

/// <summary>The inbox's "Mark all as read" as a plain form post.</summary>
public static class NotificationsForms
{
    public static void MapNotificationsForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/notifications/read", async ([FromForm] string? returnUrl, HttpContext http, NotificationsClient notifications) =>
        {
            await notifications.MarkAllReadAsync(http.RequestAborted);
            return LocalUrl.Back(returnUrl ?? "/notifications", null);
        });
    }
}
