using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>The signed-in person's reading list (/me/reading-list), its BibTeX and its private feed's address.</summary>
public sealed class ReadingListClient(HttpClient http)
{
    public Task<ApiResult<List<ReadingListItem>>> GetAsync(CancellationToken ct = default) =>
        http.SendAsync<List<ReadingListItem>>(HttpMethod.Get, "api/v1/me/reading-list", null, ct);

    /// <summary>The saved paper, or null when it is not on the list.</summary>
    public async Task<ReadingListItem?> GetOneAsync(string key, CancellationToken ct = default) =>
        (await http.SendAsync<ReadingListItem>(HttpMethod.Get, $"api/v1/me/reading-list/{E(key)}", null, ct)).Value;

    /// <summary>Saves the paper; a null note keeps the note it has.</summary>
    public Task<ApiResult<ReadingListItem>> SaveAsync(string key, string? note, CancellationToken ct = default) =>
        http.SendAsync<ReadingListItem>(HttpMethod.Put, $"api/v1/me/reading-list/{E(key)}", note is null ? null : new ReadingListRequest(note), ct);

    public Task<ApiResult<object>> RemoveAsync(string key, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/me/reading-list/{E(key)}", null, ct);

    public Task<byte[]?> GetBibtexAsync(CancellationToken ct = default) => GetExportAsync("bib", ct);

    /// <summary>The saved papers as a file: <paramref name="extension"/> is "bib", "ris" or "json" (CSL-JSON).</summary>
    public Task<byte[]?> GetExportAsync(string extension, CancellationToken ct = default) =>
        http.GetFileOrNullAsync(ApiResponses.Request(HttpMethod.Get, $"api/v1/me/reading-list.{extension}"), ct);

    public Task<ApiResult<PrivateFeed>> GetFeedAsync(CancellationToken ct = default) =>
        http.SendAsync<PrivateFeed>(HttpMethod.Get, "api/v1/me/reading-list-feed", null, ct);

    /// <summary>A new secret address for the reading list's feed; the old one stops working.</summary>
    public Task<ApiResult<PrivateFeed>> RegenerateFeedAsync(CancellationToken ct = default) =>
        http.SendAsync<PrivateFeed>(HttpMethod.Post, "api/v1/me/reading-list-feed/regenerate", null, ct);
}
