using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Authorization;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>
/// Adding papers, .bib imports, metadata edits and BibTeX through the API as the signed-in person. Its own
/// client because imports wait on arXiv or Crossref and on large files, and because the API's 502/504
/// answers (a metadata service failed) are messages for the form, not a broken page.
/// </summary>
public sealed class ImportClient(HttpClient http, ApiClient api, AuthenticationStateProvider auth, UserTokens tokens)
{
    public Task<ApiResult<AddPaperResponse>> AddAsync(AddPaperRequest request, CancellationToken ct = default) =>
        SendAsync<AddPaperResponse>(HttpMethod.Post, "api/v1/papers", () => JsonContent.Create(request), ct);

    public Task<ApiResult<BibImportReport>> ImportAsync(byte[] file, string fileName, CancellationToken ct = default) =>
        SendAsync<BibImportReport>(HttpMethod.Post, "api/v1/papers/import", () =>
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-bibtex");
            return new MultipartFormDataContent { { content, "file", fileName } };
        }, ct);

    public Task<ApiResult<PaperEditView>> ProposeEditAsync(string key, PaperEditRequest request, CancellationToken ct = default) =>
        SendAsync<PaperEditView>(HttpMethod.Post, $"api/v1/papers/{Uri.EscapeDataString(key)}/edits", () => JsonContent.Create(request), ct);

    /// <summary>The paper's BibTeX entry, or null when there is no such paper.</summary>
    public async Task<string?> BibtexAsync(string key, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"api/v1/papers/{Uri.EscapeDataString(key)}/bibtex", null, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for the BibTeX of {key}.");
        return await response.Content.ReadAsStringAsync(ct);
    }

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, Func<HttpContent> body, CancellationToken ct)
    {
        var token = await tokens.AccessTokenAsync(auth);
        var response = await SendRawAsync(method, path, body(), token, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
        {
            response.Dispose();
            var refreshed = await tokens.RefreshAsync(api, auth, ct) ?? throw new SessionEndedException();
            response = await SendRawAsync(method, path, body(), refreshed, ct);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(ct), null);
            var upstream = response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if ((int)response.StatusCode >= 500 && !upstream)
            {
                throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for {path}.");
            }
            return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, ct));
        }
    }

    async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ApiUnavailableException($"The API did not answer {method} {path}.", ex);
        }
    }
}
