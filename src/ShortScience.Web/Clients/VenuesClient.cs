using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>The list of venues, one venue, and one venue's papers of a year (/venues).</summary>
public sealed class VenuesClient(HttpClient http)
{
    public Task<List<VenueListItem>> GetVenuesAsync(CancellationToken ct = default) =>
        http.GetRequiredAsync<List<VenueListItem>>("api/v1/venues", ct);

    public Task<VenueDetail?> GetVenueAsync(string slug, CancellationToken ct = default) =>
        http.GetOrNullAsync<VenueDetail>($"api/v1/venues/{E(slug)}", ct);

    public Task<VenueYearListing?> GetVenueYearAsync(string slug, int year, string? list, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<VenueYearListing>($"api/v1/venues/{E(slug)}/{year}?{Q("list", list)}{Q("cursor", cursor)}", ct);
}
