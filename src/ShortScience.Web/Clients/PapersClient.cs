using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>One paper (/papers/{key}): its page, its BibTeX entry, and corrections proposed to the moderators.</summary>
public sealed class PapersClient(HttpClient http)
{
    public Task<PaperDetail?> GetPaperAsync(string key, CancellationToken ct = default) =>
        http.GetOrNullAsync<PaperDetail>($"api/v1/papers/{E(key)}", ct);

    /// <summary>Where the signed-in reader stands with the paper (follows, reading list), or null when there is no such paper.</summary>
    public Task<MyPaperState?> GetMyStateAsync(string key, CancellationToken ct = default) =>
        http.GetOrNullAsync<MyPaperState>($"api/v1/me/papers/{E(key)}", ct);

    /// <summary>A listing's export (BibTeX, RIS or CSL-JSON, by its public API path), or null when the listing does not exist.</summary>
    public Task<ApiResult<byte[]>> GetListingExportAsync(string path, CancellationToken ct = default) =>
        http.GetFileAsync(ApiResponses.Request(HttpMethod.Get, path).Anonymous(), ct);

    /// <summary>The paper's BibTeX entry as the API sent it, or null when there is no such paper.</summary>
    public Task<byte[]?> GetBibtexAsync(string key, CancellationToken ct = default) =>
        http.GetFileOrNullAsync(ApiResponses.Request(HttpMethod.Get, $"api/v1/papers/{E(key)}/bibtex").Anonymous(), ct);

    public Task<ApiResult<PaperEditView>> ProposeEditAsync(string key, PaperEditRequest request, CancellationToken ct = default) =>
        http.SendAsync<PaperEditView>(HttpMethod.Post, $"api/v1/papers/{E(key)}/edits", request, ct);
}
