using System.Globalization;
using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>
/// One summary and its history (/summaries/{id}); writing one: drafts and publishing (/papers/{key}/summaries/mine)
/// and the editor's preview (/render).
/// </summary>
public sealed class SummariesClient(HttpClient http)
{
    public Task<ApiResult<SummaryDetail>> GetSummaryAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<SummaryDetail>(HttpMethod.Get, $"api/v1/summaries/{id}", null, ct);

    public Task<ApiResult<SummaryHistory>> GetHistoryAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<SummaryHistory>(HttpMethod.Get, $"api/v1/summaries/{id}/revisions", null, ct);

    public Task<ApiResult<RevisionView>> GetRevisionAsync(long id, int number, CancellationToken ct = default) =>
        http.SendAsync<RevisionView>(HttpMethod.Get, $"api/v1/summaries/{id}/revisions/{number}", null, ct);

    public Task<ApiResult<TextDiff>> GetDiffAsync(long id, int from, int to, CancellationToken ct = default) =>
        http.SendAsync<TextDiff>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/summaries/{id}/diff?from={from}&to={to}"), null, ct);

    public Task<ApiResult<PublishedRevision>> RestoreAsync(long id, int number, int baseRevision, CancellationToken ct = default) =>
        http.SendAsync<PublishedRevision>(HttpMethod.Post, $"api/v1/summaries/{id}/restore/{number}", new RestoreRequest(baseRevision, null), ct);

    public Task<ApiResult<object>> DeleteAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/summaries/{id}", null, ct);

    public Task<ApiResult<object>> UndeleteAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/summaries/{id}/undelete", null, ct);

    public Task<ApiResult<MySummary>> GetMineAsync(string key, CancellationToken ct = default) =>
        http.SendAsync<MySummary>(HttpMethod.Get, Mine(key), null, ct);

    public Task<ApiResult<object>> DiscardDraftAsync(string key, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, Mine(key) + "/draft", null, ct);

    /// <summary>The signed-in person's drafts, summaries and questions.</summary>
    public Task<ApiResult<MyWork>> GetMyWorkAsync(CancellationToken ct = default) =>
        http.SendAsync<MyWork>(HttpMethod.Get, "api/v1/me/work", null, ct);

    public Task<ApiResult<DraftView>> SaveDraftAsync(string key, SaveDraftRequest draft, CancellationToken ct = default) =>
        http.SendAsync<DraftView>(HttpMethod.Put, Mine(key) + "/draft", draft, ct);

    public Task<ApiResult<PublishedRevision>> PublishAsync(string key, PublishRequest request, CancellationToken ct = default) =>
        http.SendAsync<PublishedRevision>(HttpMethod.Put, Mine(key), request, ct);

    public Task<ApiResult<RenderResponse>> RenderAsync(string markdown, CancellationToken ct = default) =>
        http.SendAsync<RenderResponse>(HttpMethod.Post, "api/v1/render", new RenderRequest(markdown), ct);

    static string Mine(string key) => $"api/v1/papers/{E(key)}/summaries/mine";
}
