using System.Net;
using System.Net.Http.Json;
using ShortScience.Core.Contracts;

namespace ShortScience.Web.Services;

/// <summary>The Web host's only way to the data: the API over HTTP.</summary>
public sealed class ApiClient(HttpClient http)
{
    public Task<Page<SummaryListItem>> GetSummariesAsync(string sort, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<SummaryListItem>>($"api/v1/summaries?sort={Uri.EscapeDataString(sort)}{CursorQuery(cursor)}", ct)!;

    public Task<PaperDetail?> GetPaperAsync(string key, CancellationToken ct = default) =>
        GetAsync<PaperDetail>($"api/v1/papers/{Uri.EscapeDataString(key)}", ct, notFoundIsNull: true);

    public Task<List<VenueListItem>> GetVenuesAsync(CancellationToken ct = default) =>
        GetAsync<List<VenueListItem>>("api/v1/venues", ct)!;

    static string CursorQuery(string? cursor) => cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}";

    async Task<T?> GetAsync<T>(string path, CancellationToken ct, bool notFoundIsNull = false) where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ApiUnavailableException($"The API did not answer {path}.", ex);
        }

        using (response)
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return null;
            if ((int)response.StatusCode >= 500)
            {
                throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for {path}.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiRequestException(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
            return await response.Content.ReadFromJsonAsync<T>(ct)
                ?? throw new ApiUnavailableException($"The API sent an empty answer for {path}.");
        }
    }
}

/// <summary>The API could not be reached or failed; pages answer 503 with a readable explanation.</summary>
public sealed class ApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The API refused a request (4xx other than a handled 404).</summary>
public sealed class ApiRequestException(HttpStatusCode status, string body)
    : Exception($"The API answered {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}
