namespace ShortScience.Core.Contracts;

/// <summary>
/// A paper in a browsing list: with the opening of its best summary (<see cref="ExcerptHtml"/>, rendered
/// and sanitized) or, for a paper nobody has summarized yet, none.
/// </summary>
public sealed record PaperCard(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year, int SummaryCount,
    long? SummaryId, string? ExcerptHtml);

/// <summary>
/// One page of a venue-year, year, tag or author: the summarized papers (most summarized first) or, with
/// list=unsummarized, the ones still waiting for a summary (newest first). Counts cover the whole list.
/// </summary>
public sealed record PaperListing(int Summarized, int Unsummarized, IReadOnlyList<PaperCard> Items, string? NextCursor);

public sealed record VenueYear(int Year, int PaperCount, int SummaryCount);

public sealed record VenueDetail(string Slug, string ShortName, string Name, string Kind, string? Url, IReadOnlyList<VenueYear> Years);

public sealed record VenueYearListing(VenueDetail Venue, int Year, PaperListing Papers);

public sealed record YearListing(int Year, PaperListing Papers);

public sealed record TagListing(string Tag, PaperListing Papers);

public sealed record AuthorListing(string Slug, string Name, IReadOnlyList<string> OtherNames, PaperListing Papers);

/// <summary>Where a random published summary lives.</summary>
public sealed record RandomSummary(long SummaryId, string PaperKey, string Url);

/// <summary>A paper found by an identifier (arXiv id, DOI, key, BibTeX key or an old ShortScience key).</summary>
public sealed record PaperLookup(string Key, string Title);

/// <summary>
/// Search results. When the query was an arXiv id or DOI, <see cref="Identifier"/> names it and
/// <see cref="PaperKey"/> is the paper's key (null when the paper is not here yet: offer to add it).
/// For a word found in a large share of all papers, <see cref="Total"/> is an estimate (<see cref="TotalEstimated"/>).
/// </summary>
public sealed record SearchResults(
    string Query, int Total, IReadOnlyList<SearchHit> Items, SearchFacets? Facets, string? NextCursor,
    string? Identifier = null, string? PaperKey = null, bool TotalEstimated = false);

/// <summary><see cref="SnippetHtml"/> is HTML-escaped text whose only markup is &lt;mark&gt; around matches.</summary>
public sealed record SearchHit(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year, int SummaryCount, string SnippetHtml);

/// <summary>
/// Counts over every match (before the venue, year and summary filters narrow them). <see cref="Estimated"/>: for a
/// broad query the counts are all papers' counts scaled to the estimated share that matches.
/// </summary>
public sealed record SearchFacets(
    IReadOnlyList<VenueFacet> Venues, IReadOnlyList<YearFacet> Years, int WithSummary, int WithoutSummary, bool Estimated = false);

public sealed record VenueFacet(string Slug, string ShortName, int Count);

public sealed record YearFacet(int Year, int Count);

/// <summary>A completion while typing: a paper title or an author name, and where it leads.</summary>
public sealed record Suggestion(string Kind, string Text, string Url);

/// <summary>Sitemap parts: papers are split by id range (<see cref="PaperPartSize"/> ids a part).</summary>
public sealed record SitemapIndex(int PaperParts, int PaperPartSize, DateTimeOffset? LastModified);

public sealed record SitemapEntry(string Path, DateTimeOffset? LastModified);
