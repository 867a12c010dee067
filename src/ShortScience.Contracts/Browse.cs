namespace ShortScience.Contracts;

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

public sealed record YearListing(int Year, PaperListing Papers);

public sealed record TagListing(string Tag, PaperListing Papers);

/// <summary>Where a random published summary lives.</summary>
public sealed record RandomSummary(long SummaryId, string PaperKey, string Url);

/// <summary>Sitemap parts: papers are split by id range (<see cref="PaperPartSize"/> ids a part).</summary>
public sealed record SitemapIndex(int PaperParts, int PaperPartSize, DateTimeOffset? LastModified);

public sealed record SitemapEntry(string Path, DateTimeOffset? LastModified);

/// <summary>A broad field for filtering ("cs", "stat" …) and the name a person reads.</summary>
public sealed record Field(string Code, string Name);

/// <summary>The broad fields papers are filed under (Core decides a paper's field from its arXiv categories or venue).</summary>
public static class ResearchFields
{
    public static IReadOnlyList<Field> All { get; } =
    [
        new("cs", "Computer science"), new("stat", "Statistics"), new("math", "Mathematics"), new("physics", "Physics"),
        new("q-bio", "Biology"), new("q-fin", "Finance"), new("eess", "Engineering"), new("econ", "Economics"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(f => f.Code == code);
}
