using System.Net.Http.Headers;
using ShortScience.Contracts;

namespace ShortScience.Web.Clients;

/// <summary>
/// Adding papers and importing .bib files (/papers, /papers/import). A client of its own because imports wait on
/// arXiv or Crossref and on large files (a longer timeout, see ClientRegistration), and because the API's 502/504
/// answers (a metadata service failed) are messages for the form, not a broken page.
/// </summary>
public sealed class ImportClient(HttpClient http)
{
    public Task<ApiResult<AddPaperResponse>> AddAsync(AddPaperRequest request, CancellationToken ct = default) =>
        http.SendAsync<AddPaperResponse>(ApiResponses.Request(HttpMethod.Post, "api/v1/papers", request), ct, upstreamFailureIsProblem: true);

    /// <param name="progressToken">When valid, the API keeps how far the import has come under it (<see cref="ProgressAsync"/>).</param>
    public Task<ApiResult<BibImportReport>> ImportAsync(byte[] file, string fileName, string? progressToken = null, CancellationToken ct = default)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-bibtex");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        var path = ImportProgressView.IsToken(progressToken) ? $"api/v1/papers/import?progress={progressToken}" : "api/v1/papers/import";
        return http.SendAsync<BibImportReport>(ApiResponses.Request(HttpMethod.Post, path, form), ct, upstreamFailureIsProblem: true);
    }

    /// <summary>How far the person's own import under <paramref name="token"/> has come; null when there is none (yet).</summary>
    public Task<ImportProgressView?> ProgressAsync(string token, CancellationToken ct = default) =>
        http.GetOrNullAsync<ImportProgressView>($"api/v1/papers/import/progress/{Uri.EscapeDataString(token)}", ct);
}
