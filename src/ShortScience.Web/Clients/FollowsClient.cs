using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>
/// What the signed-in person follows (/me/follows, with its OPML export), their timeline (/me/timeline) and their
/// private feed's secret address (/me/feed).
/// </summary>
public sealed class FollowsClient(HttpClient http)
{
    public Task<ApiResult<List<FollowView>>> GetFollowsAsync(CancellationToken ct = default) =>
        http.SendAsync<List<FollowView>>(HttpMethod.Get, "api/v1/me/follows", null, ct);

    public Task<ApiResult<FollowState>> GetStateAsync(string type, string key, CancellationToken ct = default) =>
        http.SendAsync<FollowState>(HttpMethod.Get, FollowPath(type, key), null, ct);

    public Task<ApiResult<FollowState>> FollowAsync(string type, string key, CancellationToken ct = default) =>
        http.SendAsync<FollowState>(HttpMethod.Put, FollowPath(type, key), null, ct);

    public Task<ApiResult<object>> UnfollowAsync(string type, string key, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, FollowPath(type, key), null, ct);

    /// <summary>The OPML file of everything the signed-in person follows, or null when the API refuses.</summary>
    public Task<byte[]?> GetOpmlAsync(CancellationToken ct = default) =>
        http.GetFileOrNullAsync(ApiResponses.Request(HttpMethod.Get, "api/v1/me/follows.opml"), ct);

    public Task<ApiResult<Page<SummaryListItem>>> GetTimelineAsync(string? cursor, CancellationToken ct = default) =>
        http.SendAsync<Page<SummaryListItem>>(HttpMethod.Get, "api/v1/me/timeline" + Cursor(cursor), null, ct);

    public Task<ApiResult<PrivateFeed>> GetPrivateFeedAsync(CancellationToken ct = default) =>
        http.SendAsync<PrivateFeed>(HttpMethod.Get, "api/v1/me/feed", null, ct);

    public Task<ApiResult<PrivateFeed>> RegeneratePrivateFeedAsync(CancellationToken ct = default) =>
        http.SendAsync<PrivateFeed>(HttpMethod.Post, "api/v1/me/feed/regenerate", null, ct);

    public Task<ApiResult<object>> RevokePrivateFeedAsync(CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, "api/v1/me/feed", null, ct);

    // A venue-year key ("neurips/2017") keeps its slash; every segment is escaped on its own.
    static string FollowPath(string type, string key) => $"api/v1/me/follows/{E(type)}/{string.Join('/', key.Split('/').Select(E))}";
}
