using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Notifications;

/// <summary>The on-site inbox, and the one-click unsubscribe link of notification mail.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        inbox.MapGet("/", ListAsync);
        inbox.MapGet("/unread-count", UnreadAsync);
        inbox.MapPost("/read", MarkReadAsync);

        // RFC 8058 one-click unsubscribe: a POST to the URL in the List-Unsubscribe header, no sign-in needed.
        api.MapGet("/unsubscribe/{token}", SubscriptionAsync).WithTags("Notifications");
        api.MapPost("/unsubscribe/{token}", UnsubscribeAsync).WithTags("Notifications");
        // The undo offered by the page the mail's link opens: the same secret turns the emails back on.
        api.MapDelete("/unsubscribe/{token}", ResubscribeAsync).WithTags("Notifications");
    }

    static async Task<Ok<Page<NotificationView>>> ListAsync(HttpContext http, ShortScienceDb db, string? cursor, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId).Live(db);
        if (Cursor.TryDecode(cursor, out var after)) query = query.Where(n => n.Id < after.Id);
        var items = await query.OrderByDescending(n => n.Id).Take(31)
            .Select(n => new NotificationView(n.Id, n.Kind.ToString().ToLower(), n.Text, n.Url, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > 30)
        {
            items.RemoveAt(30);
            next = new Cursor(0, items[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<NotificationView>(items, next));
    }

    static async Task<Ok<UnreadCount>> UnreadAsync(HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        return TypedResults.Ok(new UnreadCount(await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Live(db).CountAsync(ct)));
    }

    static async Task<NoContent> MarkReadAsync(MarkReadRequest? request, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var query = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (request?.Ids is { Count: > 0 } ids) query = query.Where(n => ids.Contains(n.Id));
        await query.ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Whether the mail's owner gets emails now: what the unsubscribe page offers (stop, or turn back on).</summary>
    static async Task<Results<Ok<EmailSubscription>, NotFound>> SubscriptionAsync(string token, ShortScienceDb db, CancellationToken ct)
    {
        if (token.Length is 0 or > 64) return TypedResults.NotFound();
        var on = await db.Users.AsNoTracking().Where(u => u.UnsubscribeToken == token).Select(u => (bool?)u.EmailNotifications).FirstOrDefaultAsync(ct);
        return on is null ? TypedResults.NotFound() : TypedResults.Ok(new EmailSubscription(on.Value));
    }

    static Task<Results<Ok, NotFound>> UnsubscribeAsync(string token, ShortScienceDb db, CancellationToken ct) =>
        SetEmailsAsync(token, false, db, ct);

    static Task<Results<Ok, NotFound>> ResubscribeAsync(string token, ShortScienceDb db, CancellationToken ct) =>
        SetEmailsAsync(token, true, db, ct);

    static async Task<Results<Ok, NotFound>> SetEmailsAsync(string token, bool on, ShortScienceDb db, CancellationToken ct)
    {
        // Tokens are 48 hex characters; anything else cannot match and is not worth a query.
        if (token.Length is 0 or > 64) return TypedResults.NotFound();
        var updated = await db.Users.Where(u => u.UnsubscribeToken == token)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailNotifications, on), ct);
        return updated == 0 ? TypedResults.NotFound() : TypedResults.Ok();
    }
}
