using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>The signed-in person's inbox (/notifications).</summary>
public sealed class NotificationsClient(HttpClient http)
{
    public Task<ApiResult<Page<NotificationView>>> GetNotificationsAsync(string? cursor, CancellationToken ct = default) =>
        http.SendAsync<Page<NotificationView>>(HttpMethod.Get, "api/v1/notifications" + Cursor(cursor), null, ct);

    public Task<ApiResult<UnreadCount>> GetUnreadCountAsync(CancellationToken ct = default) =>
        http.SendAsync<UnreadCount>(HttpMethod.Get, "api/v1/notifications/unread-count", null, ct);

    public Task<ApiResult<object>> MarkAllReadAsync(CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, "api/v1/notifications/read", new MarkReadRequest(null), ct);
}
