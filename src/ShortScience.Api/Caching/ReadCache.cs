using Microsoft.AspNetCore.OutputCaching;
using ShortScience.Contracts;

namespace ShortScience.Api.Caching;

/// <summary>
/// Output caching of anonymous API reads (papers, lists, browsing, search, profiles), and clearing it on writes.
/// </summary>
/// <remarks>
/// ASP.NET Core's default rules decide who may share an entry: only GET/HEAD, only requests without an
/// Authorization header, only 200 responses without Set-Cookie; the key is the path with every query value.
/// Each entry carries the tags of what it shows (<see cref="ReadTags"/>), which the answer also names in its
/// <see cref="CacheTags.Header"/> header so the Web host's pages built from it carry them too. A write evicts the
/// tags of what it changed (<see cref="Caching.CacheEviction"/>); a visible write (anything but drafts, previews, views,
/// sign-in and the inbox) that declared nothing evicts every read and page (<see cref="ReadCacheEvictionMiddleware"/>).
/// Reads that change without a write (popularity from views) live <see cref="Lifetime"/> at most.
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
            options.AddBasePolicy(policy => policy.With(context => IsCachedRead(context.HttpContext.Request)).Expire(Lifetime).Tag(Tag)
                .AddPolicy<ReadTagsPolicy>()));
    }

    /// <summary>An anonymous read under /api/v1 that names what it depends on (whether or not this host caches it).</summary>
    public static bool IsTaggedRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.StartsWithSegments("/api/v1");

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

/// <summary>Adds the tags of what a read shows (<see cref="ReadTags"/>) to its cache entry.</summary>
sealed class ReadTagsPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        foreach (var tag in ReadTags.For(context.HttpContext.Request.Path)) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}

/// <summary>
/// Reads name what they show in the <see cref="CacheTags.Header"/> header (stored with a cached answer, so hits carry
/// it too); after a visible write that declared nothing to <see cref="Caching.CacheEviction"/>, every cached read and page
/// goes and the Web hosts hear of it.
/// </summary>
public sealed class ReadCacheEvictionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ReadCache.IsTaggedRead(context.Request))
        {
            context.Response.Headers[CacheTags.Header] = CacheTags.Join(ReadTags.For(context.Request.Path));
            await next(context);
            return;
        }
        await next(context);
        if (!ReadCache.IsVisibleWrite(context)) return;
        // The write named what it changed, and that is already evicted; otherwise everything goes (stored paper pages
        // first, then every read, page and feed in this host's store or the shared one, and the Web hosts hear of it).
        var caches = context.RequestServices.GetRequiredService<Caching.CacheEviction>();
        if (caches.Declared) return;
        await caches.EverythingChangedAsync(CancellationToken.None);
    }
}
