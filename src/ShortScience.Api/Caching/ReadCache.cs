using Microsoft.AspNetCore.OutputCaching;
using ShortScience.Contracts;

namespace ShortScience.Api.Caching;

/// <summary>
/// Output caching of anonymous API reads (papers, lists, browsing, search, profiles), and clearing it on writes.
/// </summary>
/// <remarks>
/// ASP.NET Core's default rules decide who may share an entry: only GET/HEAD, only requests without an
/// Authorization header, only 200 responses without Set-Cookie; the key is the path with every query value.
/// Every write that can change what a reader sees (anything but drafts, previews, views, sign-in and the
/// inbox) evicts the <see cref="Tag"/> once it has succeeded and tells the Web hosts (<see cref="CacheEvents"/>),
/// which drop their cached pages. Reads that change without a write (popularity from views) live
/// <see cref="Lifetime"/> at most. Feeds keep their own, finer tags (FeedCache).
/// </remarks>
public static class ReadCache
{
    public const string Tag = CacheTags.Reads;

    /// <summary>How long an entry may live without a write; only view counts change in the meantime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // Reads that differ per request or must not be shared even anonymously.
    static readonly string[] NotCached = ["/api/v1/summaries/random", "/api/v1/me", "/api/v1/auth", "/api/v1/notifications", "/api/v1/moderation",
        "/api/v1/unsubscribe"]; // its state changes by quiet writes; a cached "on" would hide the unsubscribe just made

    // Writes that change nothing another reader sees.
    static readonly string[] QuietWrites = ["/api/v1/auth", "/api/v1/render", "/api/v1/notifications", "/api/v1/unsubscribe"];

    public static void AddReadCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CacheEvents>();
        if (!builder.Configuration.GetValue("Caching:Reads", true)) return;
        builder.Services.AddOutputCache(options =>
            options.AddBasePolicy(policy => policy.With(context => IsCachedRead(context.HttpContext.Request)).Expire(Lifetime).Tag(Tag)));
    }

    static bool IsCachedRead(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1") && !NotCached.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A write that succeeded and may change what readers see.</summary>
    public static bool IsVisibleWrite(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (context.Response.StatusCode >= 400 || !request.Path.StartsWithSegments("/api/v1")) return false;
        if (QuietWrites.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return false;
        var path = request.Path.Value ?? "";
        // Autosaved drafts (every few seconds while someone types) and the views beacon.
        return !path.EndsWith("/draft", StringComparison.OrdinalIgnoreCase) && !path.EndsWith("/views", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>After a visible write: evict the API's cached reads and announce the change to the Web hosts.</summary>
public sealed class ReadCacheEvictionMiddleware(RequestDelegate next, IOutputCacheStore store, CacheEvents events, ILogger<ReadCacheEvictionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (!ReadCache.IsVisibleWrite(context)) return;
        try
        {
            await store.EvictByTagAsync(ReadCache.Tag, CancellationToken.None);
            // In a store shared with the Web hosts (Redis) this evicts their pages too, every replica at once; in the
            // API's own memory no entry carries the tag and it does nothing.
            await store.EvictByTagAsync(CacheTags.Pages, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not evict cached reads");
        }
        events.Changed();
    }
}
