using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>
/// Anonymous API reads for the Web host's own endpoints (old-URL redirects, random summary, sitemaps): no page,
/// no signed-in person, so none of ApiClient's token handling.
/// </summary>
public sealed class DiscoveryClient(HttpClient http)
{
    public Task<PaperLookup?> LookupPaperAsync(string id, CancellationToken ct) => GetAsync<PaperLookup>($"api/v1/lookup/paper?id={E(id)}", ct);

    public Task<VenueRef?> LookupVenueAsync(string key, CancellationToken ct) => GetAsync<VenueRef>($"api/v1/lookup/venue?key={E(key)}", ct);

    public Task<RandomSummary?> RandomSummaryAsync(string? field, CancellationToken ct) =>
        GetAsync<RandomSummary>(field is null ? "api/v1/summaries/random" : $"api/v1/summaries/random?field={E(field)}", ct);

    public Task<SitemapIndex?> SitemapIndexAsync(CancellationToken ct) => GetAsync<SitemapIndex>("api/v1/sitemap", ct);

    public Task<List<SitemapEntry>?> SitemapPapersAsync(int part, CancellationToken ct) => GetAsync<List<SitemapEntry>>($"api/v1/sitemap/papers/{part}", ct);

    public Task<List<SitemapEntry>?> SitemapPagesAsync(CancellationToken ct) => GetAsync<List<SitemapEntry>>("api/v1/sitemap/pages", ct);

    /// <summary>The value, or null for 404/400; anything else means the API is not working.</summary>
    async Task<T?> GetAsync<T>(string path, CancellationToken ct) where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ApiUnavailableException($"The API did not answer GET {path}.", ex);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest) return null;
            if (!response.IsSuccessStatusCode) throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for {path}.");
            return await response.Content.ReadFromJsonAsync<T>(ct);
        }
    }

    static string E(string value) => Uri.EscapeDataString(value);
}
