namespace ShortScience.Contracts;

/// <summary>A paper found by an identifier (arXiv id, DOI, key, BibTeX key or an old ShortScience key).</summary>
public sealed record PaperLookup(string Key, string Title);

/// <summary>
/// Search results. When the query was an arXiv id or DOI, <see cref="Identifier"/> names it and
/// <see cref="PaperKey"/> is the paper's key (null when the paper is not here yet: offer to add it).
/// For a word found in a large share of all papers, <see cref="Total"/> is an estimate (<see cref="TotalEstimated"/>).
/// When nothing matched, <see cref="DidYouMean"/> is the query with misspelt words corrected, if that finds papers.
/// </summary>
public sealed record SearchResults(
    string Query, int Total, IReadOnlyList<SearchHit> Items, SearchFacets? Facets, string? NextCursor,
    string? Identifier = null, string? PaperKey = null, bool TotalEstimated = false, string? DidYouMean = null);

/// <summary><see cref="SnippetHtml"/> is HTML-escaped text whose only markup is &lt;mark&gt; around matches.</summary>
public sealed record SearchHit(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year, int SummaryCount, string SnippetHtml);

/// <summary>
/// Counts over the matches within the other active filters: the venue counts within the chosen years and summary
/// filter (not the chosen venue), the year counts within the chosen venue and summary filter, and so on, so each count
/// is what choosing it would show. <see cref="Estimated"/>: for a
/// broad query the counts are all papers' counts scaled to the estimated share that matches.
/// </summary>
public sealed record SearchFacets(
    IReadOnlyList<VenueFacet> Venues, IReadOnlyList<YearFacet> Years, int WithSummary, int WithoutSummary, bool Estimated = false);

public sealed record VenueFacet(string Slug, string ShortName, int Count);

public sealed record YearFacet(int Year, int Count);

/// <summary>A completion while typing: a paper title or an author name, and where it leads.</summary>
public sealed record Suggestion(string Kind, string Text, string Url);
