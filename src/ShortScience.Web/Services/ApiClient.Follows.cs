using ShortScience.Contracts;

namespace ShortScience.Web.Services;

public sealed partial class ApiClient
{
    public Task<ApiResult<List<FollowView>>> GetFollowsAsync(CancellationToken ct = default) =>
        SendAsync<List<FollowView>>(HttpMethod.Get, "api/v1/me/follows", null, ct);

    public Task<ApiResult<FollowState>> GetFollowStateAsync(string type, string key, CancellationToken ct = default) =>
        SendAsync<FollowState>(HttpMethod.Get, FollowPath(type, key), null, ct);

    public Task<ApiResult<FollowState>> FollowAsync(string type, string key, CancellationToken ct = default) =>
        SendAsync<FollowState>(HttpMethod.Put, FollowPath(type, key), null, ct);

    public Task<ApiResult<object>> UnfollowAsync(string type, string key, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, FollowPath(type, key), null, ct);

    public Task<ApiResult<Page<SummaryListItem>>> GetTimelineAsync(string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<SummaryListItem>>(HttpMethod.Get, "api/v1/me/timeline" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"), null, ct);

    public Task<ApiResult<PrivateFeed>> GetPrivateFeedAsync(CancellationToken ct = default) =>
        SendAsync<PrivateFeed>(HttpMethod.Get, "api/v1/me/feed", null, ct);

    public Task<ApiResult<PrivateFeed>> RegeneratePrivateFeedAsync(CancellationToken ct = default) =>
        SendAsync<PrivateFeed>(HttpMethod.Post, "api/v1/me/feed/regenerate", null, ct);

    public Task<ApiResult<object>> RevokePrivateFeedAsync(CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, "api/v1/me/feed", null, ct);

    /// <summary>The OPML file of everything the signed-in person follows, or null when the API refuses.</summary>
    public async Task<byte[]?> GetFollowsOpmlAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "api/v1/me/follows.opml", null, await tokens.AccessTokenAsync(auth), ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(ct) : null;
    }

    // A venue-year key ("neurips/2017") keeps its slash; every segment is escaped on its own.
    static string FollowPath(string type, string key) =>
        $"api/v1/me/follows/{Uri.EscapeDataString(type)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";
}
