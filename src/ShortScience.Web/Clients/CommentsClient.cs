using ShortScience.Contracts;

namespace ShortScience.Web.Clients;

/// <summary>The comments under a summary (/summaries/{id}/comments) and one's own comments (/comments/{id}).</summary>
public sealed class CommentsClient(HttpClient http)
{
    public Task<ApiResult<List<CommentView>>> GetCommentsAsync(long summaryId, CancellationToken ct = default) =>
        http.SendAsync<List<CommentView>>(HttpMethod.Get, $"api/v1/summaries/{summaryId}/comments", null, ct);

    public Task<ApiResult<CommentLocation>> PostAsync(long summaryId, CommentRequest request, CancellationToken ct = default) =>
        http.SendAsync<CommentLocation>(HttpMethod.Post, $"api/v1/summaries/{summaryId}/comments", request, ct);

    public Task<ApiResult<CommentLocation>> EditAsync(long id, string markdown, CancellationToken ct = default) =>
        http.SendAsync<CommentLocation>(HttpMethod.Put, $"api/v1/comments/{id}", new CommentEdit(markdown), ct);

    public Task<ApiResult<object>> DeleteAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/comments/{id}", null, ct);

    public Task<ApiResult<object>> UndeleteAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/comments/{id}/undelete", null, ct);
}
