using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace ShortScience.Api.Feeds;

/// <summary>
/// A feed as an HTTP answer: strong ETag (hash of the bytes), Last-Modified (when these bytes were made),
/// Cache-Control, and 304 when the reader already has these bytes.
/// </summary>
/// <remarks>
/// When the output cache is about to store this answer, a conditional request still gets the full feed: a 304
/// would not be stored, and readers that always ask conditionally would then never fill the cache. Every later
/// conditional request is answered 304 from the cache by the output-cache middleware.
/// </remarks>
sealed class FeedResult(FeedDocument document, FeedFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var bytes = http.RequestServices.GetRequiredService<FeedWriter>().Write(document, format);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"");
        // When these bytes were made, not the newest entry's time: hiding or deleting the newest entry (or editing a
        // title) changes the feed while moving its newest entry back, and a reader asking "since" must not get a 304.
        // Every write that changes a feed evicts it, so a cached copy's time is when its content last changed.
        var lastModified = TruncateToSeconds(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());

        var response = http.Response;
        var headers = response.Headers;
        headers.ETag = etag.ToString();
        headers.LastModified = HeaderUtilities.FormatDate(lastModified);
        // The private feed's URL is its password: no shared cache may keep it, no page may leak it as a referrer.
        headers.CacheControl = document.Private ? "private, no-store" : "public, max-age=300";
        if (document.Private) headers["X-Robots-Tag"] = "noindex";

        // What the feed shows, for the Web host that keeps it at the edge (and evicts it by the same tags).
        if (!document.Private) headers[ShortScience.Contracts.CacheTags.Header] = ShortScience.Contracts.CacheTags.Join(document.CacheTags);
        var cache = http.Features.Get<IOutputCacheFeature>()?.Context;
        if (cache is not null)
        {
            foreach (var tag in document.CacheTags) cache.Tags.Add(tag);
        }
        if (cache is not { AllowCacheStorage: true } && NotModified(http.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = format == FeedFormat.Rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison for GET); else If-Modified-Since.</summary>
    static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }
        return request.GetTypedHeaders().IfModifiedSince is { } since && lastModified <= since;
    }

    static DateTimeOffset TruncateToSeconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);
}
