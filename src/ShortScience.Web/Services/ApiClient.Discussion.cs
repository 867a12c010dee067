using ShortScience.Contracts;

namespace ShortScience.Web.Services;

public sealed partial class ApiClient
{
    public Task<ApiResult<List<CommentView>>> GetCommentsAsync(long summaryId, CancellationToken ct = default) =>
        SendAsync<List<CommentView>>(HttpMethod.Get, $"api/v1/summaries/{summaryId}/comments", null, ct);

    public Task<ApiResult<CommentLocation>> PostCommentAsync(long summaryId, CommentRequest request, CancellationToken ct = default) =>
        SendAsync<CommentLocation>(HttpMethod.Post, $"api/v1/summaries/{summaryId}/comments", request, ct);

    public Task<ApiResult<CommentLocation>> EditCommentAsync(long id, string markdown, CancellationToken ct = default) =>
        SendAsync<CommentLocation>(HttpMethod.Put, $"api/v1/comments/{id}", new CommentEdit(markdown), ct);

    public Task<ApiResult<object>> DeleteCommentAsync(long id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/comments/{id}", null, ct);

    public Task<ApiResult<VoteResult>> VoteAsync(string targetType, long id, int value, CancellationToken ct = default) =>
        SendAsync<VoteResult>(HttpMethod.Put, $"api/v1/votes/{Uri.EscapeDataString(targetType)}/{id}", new VoteRequest(value), ct);

    public Task<ApiResult<object>> FlagAsync(FlagRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/flags", request, ct);

    public Task<ApiResult<Page<NotificationView>>> GetNotificationsAsync(string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<NotificationView>>(HttpMethod.Get, "api/v1/notifications" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"), null, ct);

    public Task<ApiResult<UnreadCount>> GetUnreadCountAsync(CancellationToken ct = default) =>
        SendAsync<UnreadCount>(HttpMethod.Get, "api/v1/notifications/unread-count", null, ct);

    public Task<ApiResult<object>> MarkNotificationsReadAsync(CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/notifications/read", new MarkReadRequest(null), ct);

    public Task<ApiResult<Page<FlagView>>> GetFlagsAsync(string status, string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<FlagView>>(HttpMethod.Get, $"api/v1/moderation/flags?status={Uri.EscapeDataString(status)}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), null, ct);

    public Task<ApiResult<Page<ModerationLogEntry>>> GetModerationLogAsync(string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<ModerationLogEntry>>(HttpMethod.Get, "api/v1/moderation/log" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"), null, ct);

    public Task<ApiResult<object>> DismissFlagAsync(long id, string? reason, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/flags/{id}/dismiss", new FlagResolution(reason), ct);

    public Task<ApiResult<object>> HideFlaggedAsync(long id, string reason, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/flags/{id}/hide", new ModerationRequest(reason), ct);

    public Task<ApiResult<object>> RestoreContentAsync(string targetType, string targetId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/{Uri.EscapeDataString(targetType)}/{Uri.EscapeDataString(targetId)}/restore", new ModerationRequest(""), ct);

    public Task<ApiResult<object>> BanAsync(string userName, string reason, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/users/{Uri.EscapeDataString(userName)}/ban", new BanRequest(reason), ct);

    public Task<ApiResult<object>> UnbanAsync(string userName, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/users/{Uri.EscapeDataString(userName)}/unban", null, ct);
}
