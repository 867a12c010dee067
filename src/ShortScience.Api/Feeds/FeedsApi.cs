using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Api.Replicas;
using ShortScience.Contracts;

namespace ShortScience.Api.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 for every listing: /feeds/{name}.rss and /feeds/{name}.atom, latest 50 entries
/// (?limit=1..200). Served by the API, reached through the Web origin, which forwards /feeds.
/// </summary>
public static class FeedsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void MapFeedsApi(this WebApplication app)
    {
        var feeds = app.MapGroup("/feeds").WithTags("Feeds").CacheOutput(CacheEviction.FeedsPolicy).ReadsFromStandby();
        foreach (var (format, ext) in new[] { (FeedFormat.Rss, "rss"), (FeedFormat.Atom, "atom") })
        {
            feeds.MapGet($"/summaries.{ext}", (FeedSources s, int? limit, CancellationToken ct) => Serve(s, ct, format, limit, n => s.SummariesAsync(n, ct)));
            feeds.MapGet($"/comments.{ext}", (FeedSources s, int? limit, CancellationToken ct) => Serve(s, ct, format, limit, n => s.CommentsAsync(n, ct)));
            feeds.MapGet($"/questions.{ext}", (FeedSources s, int? limit, CancellationToken ct) => Serve(s, ct, format, limit, n => s.QuestionsAsync(n, ct)));
            feeds.MapGet($"/papers/{{key}}/questions.{ext}", (string key, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.PaperQuestionsAsync(key, n, ct)));
            feeds.MapGet($"/papers/{{key}}.{ext}", (string key, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.PaperAsync(key, n, ct)));
            feeds.MapGet($"/venues/{{slug}}.{ext}", (string slug, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.VenueAsync(slug, n, ct)));
            feeds.MapGet($"/venues/{{slug}}/{{year}}.{ext}", (string slug, string year, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.VenueYearAsync(slug, year, n, ct)));
            feeds.MapGet($"/years/{{year}}.{ext}", (string year, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.YearAsync(year, n, ct)));
            feeds.MapGet($"/tags/{{tag}}.{ext}", (string tag, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.TagAsync(Links.SegmentValue(tag), n, ct)));
            feeds.MapGet($"/authors/{{slug}}.{ext}", (string slug, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.AuthorAsync(slug, n, ct)));
            feeds.MapGet($"/users/{{name}}.{ext}", (string name, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.UserAsync(name, n, ct)));
            feeds.MapGet($"/search.{ext}", (string? q, FeedSources s, int? limit, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(q) || q.Length > Limits.SearchQueryChars // as long as the search page takes
                    ? Task.FromResult<IResult>(Problems.BadRequest($"Give a search (q) of up to {Limits.SearchQueryChars} characters.", "q"))
                    : Serve(s, ct, format, limit, n => s.SearchAsync(q, n, ct)));
            feeds.MapGet($"/following/{{token}}.{ext}", (string token, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.FollowingAsync(token, n, ct)));
            feeds.MapGet($"/reading-list/{{token}}.{ext}", (string token, FeedSources s, int? limit, CancellationToken ct) =>
                Serve(s, ct, format, limit, n => s.ReadingListAsync(token, n, ct)));
        }
    }

    static async Task<IResult> Serve(FeedSources sources, CancellationToken ct, FeedFormat format, int? limit, Func<int, Task<FeedDocument?>> load)
    {
        if (limit is < 1 or > MaxLimit) return Problems.BadRequest($"limit must be between 1 and {MaxLimit}.", "limit");
        var document = await load(limit ?? DefaultLimit);
        return document is null ? Problems.NotFound("There is no such feed.") : new FeedResult(await sources.WithTextsAsync(document, ct), format);
    }
}
