using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>Searching papers and summaries (/search) and finding a paper or venue by an old identifier (/lookup).</summary>
public sealed class SearchClient(HttpClient http)
{
    /// <summary>Search; a 400 (a bad cursor or filter) comes back as a problem for the page to show.</summary>
    public Task<ApiResult<SearchResults>> SearchAsync(SearchForm form, CancellationToken ct = default) =>
        http.SendAsync<SearchResults>(HttpMethod.Get,
            $"api/v1/search?q={E(form.Q ?? "")}{Q("venue", form.Venue)}{Q("from", form.From?.ToString())}{Q("to", form.To?.ToString())}" +
            $"{Q("summarized", form.Summarized)}{Q("cursor", form.Cursor)}", null, ct);

    /// <summary>The paper behind a ShortScience.org BibTeX key or id, or null when the API knows none.</summary>
    public Task<PaperLookup?> LookupPaperAsync(string id, CancellationToken ct) =>
        http.GetPublicOrNullAsync<PaperLookup>($"api/v1/lookup/paper?id={E(id)}", ct);

    public Task<VenueRef?> LookupVenueAsync(string key, CancellationToken ct) =>
        http.GetPublicOrNullAsync<VenueRef>($"api/v1/lookup/venue?key={E(key)}", ct);
}

/// <summary>The search page's query string: the words and the filters.</summary>
public sealed record SearchForm(string? Q, string? Venue, int? From, int? To, string? Summarized, string? Cursor);
