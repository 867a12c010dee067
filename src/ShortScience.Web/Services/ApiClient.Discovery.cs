using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>Browsing and search reads for the pages.</summary>
public sealed partial class ApiClient
{
    public Task<Page<SummaryListItem>> GetSummariesAsync(string sort, string? field, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<SummaryListItem>>($"api/v1/summaries?sort={E(sort)}{Q("field", field)}{Q("cursor", cursor)}", ct)!;

    public Task<VenueDetail?> GetVenueAsync(string slug, CancellationToken ct = default) =>
        GetAsync<VenueDetail>($"api/v1/venues/{E(slug)}", ct, notFoundIsNull: true);

    public Task<VenueYearListing?> GetVenueYearAsync(string slug, int year, string? list, string? cursor, CancellationToken ct = default) =>
        GetAsync<VenueYearListing>($"api/v1/venues/{E(slug)}/{year}?{Q("list", list)}{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    public Task<YearListing?> GetYearAsync(int year, string? list, string? cursor, CancellationToken ct = default) =>
        GetAsync<YearListing>($"api/v1/years/{year}?{Q("list", list)}{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    public Task<TagListing?> GetTagAsync(string tag, string? list, string? cursor, CancellationToken ct = default) =>
        GetAsync<TagListing>($"api/v1/tags/{E(tag)}?{Q("list", list)}{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    public Task<AuthorListing?> GetAuthorPapersAsync(string slug, string? list, string? cursor, CancellationToken ct = default) =>
        GetAsync<AuthorListing>($"api/v1/authors/{E(slug)}/papers?{Q("list", list)}{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    public Task<Page<SummaryListItem>?> GetUserSummariesAsync(string name, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<SummaryListItem>>($"api/v1/users/{E(name)}/summaries?{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    public Task<Page<UserCommentItem>?> GetUserCommentsAsync(string name, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<UserCommentItem>>($"api/v1/users/{E(name)}/comments?{Q("cursor", cursor)}", ct, notFoundIsNull: true);

    /// <summary>Search; a 400 (a bad cursor or filter) comes back as a problem for the page to show.</summary>
    public Task<ApiResult<SearchResults>> SearchAsync(SearchForm form, CancellationToken ct = default) =>
        SendAsync<SearchResults>(HttpMethod.Get,
            $"api/v1/search?q={E(form.Q ?? "")}{Q("venue", form.Venue)}{Q("from", form.From?.ToString())}{Q("to", form.To?.ToString())}" +
            $"{Q("summarized", form.Summarized)}{Q("cursor", form.Cursor)}", null, ct);

    static string E(string value) => Uri.EscapeDataString(value);

    static string Q(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"&{name}={E(value)}";
}

/// <summary>The search page's query string: the words and the filters.</summary>
public sealed record SearchForm(string? Q, string? Venue, int? From, int? To, string? Summarized, string? Cursor);
