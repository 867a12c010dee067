using ShortScience.Contracts;

namespace ShortScience.Api.Feeds;

/// <summary>
/// Absolute URLs and ids for feeds. Links point at the public site (Site:PublicUrl), which forwards /feeds to the
/// API. Ids are tag: URIs (RFC 4151) minted under Feeds:IdAuthority (default: the site's host); they must never
/// change for a site, so set the authority once and keep it when the site moves.
/// </summary>
public sealed class FeedLinks(IConfiguration configuration)
{
    public string Site { get; } = (configuration["Site:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    string Authority => configuration["Feeds:IdAuthority"] is { Length: > 0 } authority ? authority : new Uri(Site).Host;

    /// <summary>tag:{authority},2026:{specific}: the same entry keeps the same id through every edit.</summary>
    public string Id(string specific) => $"tag:{Authority},2026:{specific}";

    public string EntryId(FeedEntry entry) => Id(entry.Kind switch
    {
        FeedEntryKind.Summary => $"summary/{entry.SummaryId}",
        FeedEntryKind.Question => $"question/{entry.Id}",
        FeedEntryKind.Answer => $"answer/{entry.Id}",
        _ => $"comment/{entry.Id}",
    });

    public string EntryUrl(FeedEntry entry) => entry.Kind switch
    {
        FeedEntryKind.Summary => $"{Site}/papers/{entry.Paper.Key}/summaries/{entry.SummaryId}",
        FeedEntryKind.Question => Site + Links.Question(entry.Paper.Key, entry.Id),
        FeedEntryKind.Answer => Site + Links.Answer(entry.Paper.Key, entry.Id),
        _ => $"{Site}/papers/{entry.Paper.Key}/summaries/{entry.SummaryId}#comment-{entry.Id}",
    };

    public string Absolute(string path) => Site + path;

    public string FeedUrl(FeedDocument feed, FeedFormat format) =>
        $"{Site}/feeds/{feed.Name}.{(format == FeedFormat.Rss ? "rss" : "atom")}{feed.Query}";

    public string FollowingFeedPath(string token, FeedFormat format) => $"/feeds/following/{token}.{(format == FeedFormat.Rss ? "rss" : "atom")}";

    public string ReadingListFeedPath(string token, FeedFormat format) => $"/feeds/reading-list/{token}.{(format == FeedFormat.Rss ? "rss" : "atom")}";
}
