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

    /// <summary>The mail's secret link, asked without anyone's sign-in: null when the link is not (or no longer) valid.</summary>
    public Task<EmailSubscription?> GetEmailSubscriptionAsync(string token, CancellationToken ct = default) =>
        http.GetOrNullAsync<EmailSubscription>(UnsubscribePath(token), ct);

    /// <summary>Turns notification emails off (or, with <paramref name="on"/>, back on); false when the link is not valid.</summary>
    public async Task<bool> SetEmailsAsync(string token, bool on, CancellationToken ct = default)
    {
        var request = ApiResponses.Request(on ? HttpMethod.Delete : HttpMethod.Post, UnsubscribePath(token)).Anonymous();
        return (await http.SendAsync<object>(request, ct)).Problem is null;
    }

    static string UnsubscribePath(string token) => "api/v1/unsubscribe/" + Uri.EscapeDataString(token);

    public Task<ApiResult<object>> MarkAllReadAsync(CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, "api/v1/notifications/read", new MarkReadRequest(null), ct);
}
