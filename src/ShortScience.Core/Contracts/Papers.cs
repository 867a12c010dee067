namespace ShortScience.Core.Contracts;

public sealed record AuthorRef(string Name, string Slug);

public sealed record VenueRef(string Slug, string ShortName, string Name);

public sealed record UserRef(string UserName, string DisplayName);

/// <summary>What a listing shows about a paper.</summary>
public sealed record PaperHeader(string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year);

public sealed record PaperListItem(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year,
    int SummaryCount, string? ArxivId, string? Doi, DateTimeOffset CreatedAt);

public sealed record PaperDetail(
    string Key, string Title, string? Abstract, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year,
    IReadOnlyList<string> Keywords, string? ArxivId, string? Doi, string? Url, string? PdfUrl, string? BibtexKey,
    DateOnly? PublishedOn, IReadOnlyList<SummaryView> Summaries, string? Bibtex = null);

/// <summary>A published summary in full. <see cref="Author"/> is null when it was published anonymously.</summary>
public sealed record SummaryView(
    long Id, int Revision, UserRef? Author, bool Anonymous, int Score, int CommentCount,
    DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string Html, bool IsMine = false, int MyVote = 0,
    IReadOnlyList<CommentView>? Comments = null);

public sealed record SummaryListItem(
    long Id, PaperHeader Paper, UserRef? Author, bool Anonymous, int Score, int CommentCount,
    DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string ExcerptHtml);

public sealed record VenueListItem(string Slug, string ShortName, string Name, string Kind, int PaperCount, int SummaryCount);

/// <summary>One page of a keyset-paginated list; pass <see cref="NextCursor"/> back for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
