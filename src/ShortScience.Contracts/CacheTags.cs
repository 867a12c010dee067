using System.Globalization;

namespace ShortScience.Contracts;

/// <summary>
/// The names both hosts give cached entries (output-cache tags). An entry carries the tags of everything it shows
/// (a paper page: <c>paper:1706.03762</c>; a venue-year listing: <c>venue-year:neurips/2017</c>), and a write evicts
/// the tags of what it changed (the API's CacheEviction maps a change to its tags, in one place). With one Redis store
/// for every replica of both hosts (ConnectionStrings:Redis) an eviction reaches the Web host's pages and feeds
/// directly; with in-memory stores the Web host learns the evicted tags from the API's change events.
/// </summary>
public static class CacheTags
{
    /// <summary>Every cached anonymous API read also carries this (evicted only by changes too wide to trace).</summary>
    public const string Reads = "reads";

    /// <summary>Every cached Web page and edge feed also carries this (dropped when the Web host loses track of changes).</summary>
    public const string Pages = "pages";

    /// <summary>Every cached feed (both hosts).</summary>
    public const string Feeds = "feeds";

    /// <summary>
    /// Entries whose dependencies are not traced (an API read no rule below names, a page built from one): every
    /// traced change evicts this too, so such entries are never stale after a write.
    /// </summary>
    public const string Untraced = "untraced";

    /// <summary>Lists of recent and popular summaries (the home page, /summaries, the site-wide feed).</summary>
    public const string Summaries = "summaries";

    /// <summary>Site-wide lists of comments (the comments feed).</summary>
    public const string Comments = "comments";

    /// <summary>Site-wide lists of questions.</summary>
    public const string Questions = "questions";

    /// <summary>Search answers and search feeds (also bounded in time).</summary>
    public const string Search = "search";

    /// <summary>The list of venues (with their counts).</summary>
    public const string Venues = "venues";

    /// <summary>Every private following feed.</summary>
    public const string Following = "following";

    /// <summary>Response header by which the API tells the Web host what an answer depends on (space-separated tags).</summary>
    public const string Header = "Cache-Tags";

    /// <summary>Prefix of every key both hosts keep in Redis.</summary>
    public const string RedisInstance = "shortscience:";

    public static string Paper(string key) => "paper:" + Lower(key);
    public static string Venue(string slug) => "venue:" + Lower(slug);
    public static string VenueYear(string slug, int year) => VenueYear(slug, year.ToString(CultureInfo.InvariantCulture));
    public static string VenueYear(string slug, string year) => $"venue-year:{Lower(slug)}/{year}";
    public static string Year(int year) => Year(year.ToString(CultureInfo.InvariantCulture));
    public static string Year(string year) => "year:" + year;
    public static string Tag(string tag) => "tag:" + Lower(tag);
    public static string Author(string slug) => "author:" + Lower(slug);
    public static string User(string userName) => "user:" + Lower(userName);
    public static string Summary(long id) => "summary:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Comment(long id) => "comment:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Question(long id) => "question:" + id.ToString(CultureInfo.InvariantCulture);
    public static string Answer(long id) => "answer:" + id.ToString(CultureInfo.InvariantCulture);
    public static string FollowingOf(Guid userId) => "following:" + userId.ToString("N");

    /// <summary>One stored figure (its bytes never change; only a removal evicts it).</summary>
    public static string Figure(string hash) => "figure:" + Lower(hash);

    /// <summary>Tags travel in one header, space-separated and ASCII: values are lower-cased and percent-encoded.</summary>
    static string Lower(string value) => Uri.EscapeDataString(value.ToLowerInvariant());

    /// <summary>Joins tags for the <see cref="Header"/>.</summary>
    public static string Join(IEnumerable<string> tags) => string.Join(' ', tags);

    /// <summary>Reads the <see cref="Header"/>.</summary>
    public static string[] Split(string? header) =>
        string.IsNullOrWhiteSpace(header) ? [] : header.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
