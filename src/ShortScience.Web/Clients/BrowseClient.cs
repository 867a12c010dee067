using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>
/// Ways into the papers: the home page's lists of summaries, a random one, papers by year, tag and author, and the
/// sitemaps for search engines.
/// </summary>
public sealed class BrowseClient(HttpClient http)
{
    public Task<Page<SummaryListItem>> GetSummariesAsync(string sort, string? field, string? cursor, CancellationToken ct = default) =>
        http.GetRequiredAsync<Page<SummaryListItem>>($"api/v1/summaries?sort={E(sort)}{Q("field", field)}{Q("cursor", cursor)}", ct);

    public Task<YearListing?> GetYearAsync(int year, string? list, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<YearListing>($"api/v1/years/{year}?{Q("list", list)}{Q("cursor", cursor)}", ct);

    public Task<TagListing?> GetTagAsync(string tag, string? list, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<TagListing>($"api/v1/tags/{E(tag)}?{Q("list", list)}{Q("cursor", cursor)}", ct);

    public Task<AuthorListing?> GetAuthorPapersAsync(string slug, string? list, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<AuthorListing>($"api/v1/authors/{E(slug)}/papers?{Q("list", list)}{Q("cursor", cursor)}", ct);

    public Task<RandomSummary?> GetRandomSummaryAsync(string? field, CancellationToken ct) =>
        http.GetPublicOrNullAsync<RandomSummary>(field is null ? "api/v1/summaries/random" : $"api/v1/summaries/random?field={E(field)}", ct);

    public Task<SitemapIndex?> GetSitemapIndexAsync(CancellationToken ct) => http.GetPublicOrNullAsync<SitemapIndex>("api/v1/sitemap", ct);

    public Task<List<SitemapEntry>?> GetSitemapPapersAsync(int part, CancellationToken ct) =>
        http.GetPublicOrNullAsync<List<SitemapEntry>>($"api/v1/sitemap/papers/{part}", ct);

    public Task<List<SitemapEntry>?> GetSitemapPagesAsync(CancellationToken ct) => http.GetPublicOrNullAsync<List<SitemapEntry>>("api/v1/sitemap/pages", ct);

}
