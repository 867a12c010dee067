using ShortScience.Contracts;

namespace ShortScience.Api.Feeds;

public enum FeedFormat { Rss, Atom }

public enum FeedEntryKind { Summary, Comment, Question, Answer }

/// <summary>The paper an entry is about, as the feed's ss:paper element describes it.</summary>
public sealed record FeedPaper(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year,
    string? ArxivId, string? Doi, string? BibtexKey, IReadOnlyList<string> Keywords, string? Abstract = null);

/// <summary>
/// One summary, comment, question or answer in a feed. <see cref="By"/> is null for an anonymous summary.
/// <see cref="SummaryId"/> is the thread an entry belongs to: the summary, or for questions and answers the question.
/// <see cref="Title"/> is a question's title. <see cref="ContentId"/> is the summary revision's id or the comment's,
/// question's or answer's id; <see cref="FeedContent"/> fills <see cref="Html"/> (ready for
/// readers) and <see cref="PlainText"/> from it.
/// </summary>
public sealed record FeedEntry(
    FeedEntryKind Kind, long Id, long SummaryId, int Revision, FeedPaper Paper, UserRef? By,
    DateTimeOffset Published, DateTimeOffset Updated, long ContentId, int RendererVersion, string? Title = null)
{
    public string Html { get; init; } = "";
    public string PlainText { get; init; } = "";

    /// <summary>The paper's abstract with its math rendered, ready for readers; null when the paper has none.</summary>
    public string? AbstractHtml { get; init; }
}

/// <summary>A feed before it is written in either format.</summary>
/// <param name="Name">Names the feed in ids and links: "summaries", "papers/1706.03762", "venues/neurips/2017".</param>
/// <param name="PagePath">The site page the feed mirrors.</param>
/// <param name="Query">Query string that is part of the feed's identity ("?q=…" for a search), or "".</param>
/// <param name="CacheTags">Output-cache tags that writes evict (see <see cref="CacheEviction"/>).</param>
public sealed record FeedDocument(
    string Name, string Title, string Description, string PagePath, string Query, IReadOnlyList<FeedEntry> Entries,
    IReadOnlyList<string> CacheTags, bool Private = false)
{
    /// <summary>The newest change among the entries; a fixed date for an empty feed, so its validators stay put.</summary>
    public DateTimeOffset Updated => Entries.Count == 0 ? Epoch : Entries.Max(e => e.Updated > e.Published ? e.Updated : e.Published);

    static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
