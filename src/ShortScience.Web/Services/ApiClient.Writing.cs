using System.Globalization;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

public sealed partial class ApiClient
{
    static string Mine(string key) => $"api/v1/papers/{Uri.EscapeDataString(key)}/summaries/mine";

    public Task<ApiResult<MySummary>> GetMineAsync(string key, CancellationToken ct = default) =>
        SendAsync<MySummary>(HttpMethod.Get, Mine(key), null, ct);

    public Task<ApiResult<DraftView>> SaveDraftAsync(string key, SaveDraftRequest draft, CancellationToken ct = default) =>
        SendAsync<DraftView>(HttpMethod.Put, Mine(key) + "/draft", draft, ct);

    public Task<ApiResult<object>> DiscardDraftAsync(string key, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, Mine(key) + "/draft", null, ct);

    public Task<ApiResult<PublishedRevision>> PublishAsync(string key, PublishRequest request, CancellationToken ct = default) =>
        SendAsync<PublishedRevision>(HttpMethod.Put, Mine(key), request, ct);

    public Task<ApiResult<RenderResponse>> RenderAsync(string markdown, CancellationToken ct = default) =>
        SendAsync<RenderResponse>(HttpMethod.Post, "api/v1/render", new RenderRequest(markdown), ct);

    public Task<ApiResult<SummaryDetail>> GetSummaryAsync(long id, CancellationToken ct = default) =>
        SendAsync<SummaryDetail>(HttpMethod.Get, $"api/v1/summaries/{id}", null, ct);

    public Task<ApiResult<SummaryHistory>> GetHistoryAsync(long id, CancellationToken ct = default) =>
        SendAsync<SummaryHistory>(HttpMethod.Get, $"api/v1/summaries/{id}/revisions", null, ct);

    public Task<ApiResult<RevisionView>> GetRevisionAsync(long id, int number, CancellationToken ct = default) =>
        SendAsync<RevisionView>(HttpMethod.Get, $"api/v1/summaries/{id}/revisions/{number}", null, ct);

    public Task<ApiResult<TextDiff>> GetDiffAsync(long id, int from, int to, CancellationToken ct = default) =>
        SendAsync<TextDiff>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/summaries/{id}/diff?from={from}&to={to}"), null, ct);

    public Task<ApiResult<PublishedRevision>> RestoreAsync(long id, int number, int baseRevision, CancellationToken ct = default) =>
        SendAsync<PublishedRevision>(HttpMethod.Post, $"api/v1/summaries/{id}/restore/{number}", new RestoreRequest(baseRevision, null), ct);

    public Task<ApiResult<object>> DeleteSummaryAsync(long id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/summaries/{id}", null, ct);

    public Task<ApiResult<object>> UndeleteSummaryAsync(long id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/summaries/{id}/undelete", null, ct);
}
