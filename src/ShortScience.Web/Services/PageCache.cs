using System.Net.Http.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using ShortScience.Contracts;
using ShortScience.Hosting;

namespace ShortScience.Web.Services;

/// <summary>
/// Output caching of the reading pages for signed-out visitors, and of the public feeds and figures for everyone
/// (served here, 304s included, without a hop to the API). Each entry carries the tags of what it shows: a page those of the API
/// answers it was built from (<see cref="CacheTagsHandler"/>), a feed those the API names in its answer
/// (<see cref="CacheTags.Header"/>). A write evicts exactly its tags: in a shared Redis store the API does it
/// directly, otherwise <see cref="PageCacheInvalidator"/> long-polls the API's change events and evicts them here.
/// </summary>
/// <remarks>
/// Shared only between requests without the sign-in or flash cookie (signed-in pages hold a person's name, votes
/// and forms with antiforgery tokens); only GET/HEAD 200 responses without Set-Cookie are stored (ASP.NET Core's
/// default rules). The cache sits after the security headers, which apply to every hit too, and before compression:
/// entries are kept as sent, one per encoding.
/// </remarks>
public static class PageCache
{
    public const string Tag = CacheTags.Pages;

    static readonly string[] Pages = ["/papers", "/venues", "/years", "/tags", "/authors", "/users", "/search", "/about"];
    static readonly string[] NotPages = ["/summarize", "/edit"];

    /// <summary>How long an edge feed may live without a write (writes evict it at once).</summary>
    public static readonly TimeSpan FeedLifetime = TimeSpan.FromMinutes(30);

    public static void AddPageCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(PageCacheInvalidator), http =>
        {
            http.BaseAddress = new Uri((builder.Configuration["Api:BaseUrl"] ?? "http://127.0.0.1:5081").TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(40);
        });
        // Decorate the registered antiforgery service (whatever its implementation) for shared pages, cached or not.
        var registered = builder.Services.Last(d => d.ServiceType == typeof(IAntiforgery));
        builder.Services.Remove(registered);
        builder.Services.AddSingleton<IAntiforgery>(provider => new SharedPageAntiforgery(registered.ImplementationType is { } type
            ? (IAntiforgery)ActivatorUtilities.CreateInstance(provider, type)
            : registered.ImplementationFactory is { } factory ? (IAntiforgery)factory(provider) : (IAntiforgery)registered.ImplementationInstance!,
            provider.GetRequiredService<IOptions<AntiforgeryOptions>>().Value));
        if (!builder.Configuration.GetValue("Caching:Pages", true)) return;
        // Redis when ConnectionStrings:Redis is set (the same store as the API's, which then evicts pages itself).
        builder.Services.AddSharedOutputCacheStore(builder.Configuration);
        builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy
            .With(context => IsSharedPage(context.HttpContext.Request))
            .Expire(TimeSpan.FromSeconds(60)) // popularity (views) changes without a write
            .VaryByValue(ChosenEncoding)
            .Tag(Tag)));
        // Feeds are the same for every reader (the private following and reading-list feeds, whose addresses are their
        // passwords, excepted; any answer the API marks private is not kept either: ForwardedTagsPolicy).
        builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy
            .With(context => IsEdgeFeed(context.HttpContext.Request))
            .Expire(FeedLifetime)
            .SetVaryByQuery("q", "limit")
            .VaryByValue(ChosenEncoding)
            .Tag(Tag, CacheTags.Feeds)
            .AddPolicy<ForwardedTagsPolicy>()));
        // Figures are immutable (named by their content) and the same for everyone: kept here after the first read, so
        // readers and their 304s are served without a hop to the API; a removal evicts its tag (figure:{hash}).
        builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy
            .With(context => IsFigure(context.HttpContext.Request))
            .Expire(FigureLifetime) // never compressed (images), so one entry whatever the reader accepts
            .Tag(Tag)
            .AddPolicy<ForwardedTagsPolicy>()));
        // A shared Redis store is evicted by the API itself. Asking its change events too would do harm there: behind a
        // balancer the polls alternate between API replicas of different generations, each answer a "restart" that
        // empties the shared store.
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis"))) builder.Services.AddHostedService<PageCacheInvalidator>();
    }

    /// <summary>
    /// The encoding the compression middleware (after the cache) will answer this request in: entries are stored as
    /// sent, so each encoding has its own (at most three per address, whatever Accept-Encoding a client makes up), and
    /// a hit costs no compression.
    /// </summary>
    public static KeyValuePair<string, string> ChosenEncoding(HttpContext http)
    {
        if (SignedInOrFlash(http.Request)) return new("encoding", "identity"); // never compressed (see UseWebPipeline)
        var compression = http.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        var encoding = compression.CheckRequestAcceptsCompression(http) ? compression.GetCompressionProvider(http)?.EncodingName : null;
        return new("encoding", encoding ?? "identity");
    }

    /// <summary>How long a figure is kept here (a removal evicts it at once; its address never shows other bytes).</summary>
    public static readonly TimeSpan FigureLifetime = TimeSpan.FromHours(6);

    /// <summary>A figure's bytes (forwarded to the API when not cached here).</summary>
    public static bool IsFigure(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.StartsWithSegments("/figures", StringComparison.OrdinalIgnoreCase)
        && !request.QueryString.HasValue; // a figure has one address: junk queries must not each hold a copy here

    /// <summary>A public feed (forwarded to the API when not cached here).</summary>
    public static bool IsEdgeFeed(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.StartsWithSegments("/feeds", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/feeds/following", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/feeds/reading-list", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds the tags the API named in its answer (see <see cref="CacheTagsHandler"/>) to the entry being stored for
    /// this request; an answer that names none could show anything, so the entry goes with every write.
    /// </summary>
    public static void AddTags(HttpContext http, HttpResponseMessage answer)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { AllowCacheStorage: true } cache) return;
        var tags = answer.Headers.TryGetValues(CacheTags.Header, out var values) ? values.SelectMany(CacheTags.Split).ToArray() : [];
        lock (cache.Tags)
        {
            if (tags.Length == 0) cache.Tags.Add(CacheTags.Untraced);
            foreach (var tag in tags) cache.Tags.Add(tag);
        }
    }

    public static bool SignedInOrFlash(HttpRequest request) =>
        request.Cookies.Keys.Any(k => k.Contains("shortscience", StringComparison.Ordinal) && !k.Contains("-af", StringComparison.Ordinal));

    public static bool IsSharedPage(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        if (SignedInOrFlash(request)) return false;
        var path = request.Path.Value ?? "";
        if (path == "/") return true;
        return Pages.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && !NotPages.Any(p => path.EndsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Blazor asks for antiforgery tokens on every page it renders, forms or not, and storing them sets a cookie and
/// "no-store", which would keep every page out of the cache. Shared pages have no form that posts for someone not
/// signed in (their search box is a GET), so for them no token is made at all (deriving and sealing one was 4% of an
/// uncached paper page's time); a signed-in reader's forms there get tokens, not stored; every other page (sign-in,
/// writing) stores them.
/// </summary>
public sealed class SharedPageAntiforgery(IAntiforgery inner, AntiforgeryOptions options) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (!PageCache.IsSharedPage(httpContext.Request)) return inner.GetAndStoreTokens(httpContext);
        return httpContext.User.Identity?.IsAuthenticated == true
            ? inner.GetTokens(httpContext)
            : new AntiforgeryTokenSet(null, null, options.FormFieldName, options.HeaderName);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}

/// <summary>The tags the API named in a forwarded answer (a feed) go to its entry here.</summary>
sealed class ForwardedTagsPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    // Called as the response starts, when YARP has copied the API's headers.
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // An answer the API marks private (a private feed, whatever its address) is never kept for others.
        var control = context.HttpContext.Response.Headers.CacheControl.ToString();
        if (control.Contains("private", StringComparison.OrdinalIgnoreCase) || control.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        var tags = CacheTags.Split(context.HttpContext.Response.Headers[CacheTags.Header]);
        if (tags.Length == 0) context.Tags.Add(CacheTags.Untraced);
        foreach (var tag in tags) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Evicts what the API's writes evicted (their tags), and every cached page and feed when the API restarts, reports
/// a change too wide to trace, or cannot be asked.
/// </summary>
public sealed class PageCacheInvalidator(IHttpClientFactory clients, IOutputCacheStore store, ILogger<PageCacheInvalidator> logger) : BackgroundService
{
    sealed record CacheEventsResponse(string Generation, long Sequence, string[]? Tags);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(nameof(PageCacheInvalidator));
        string? generation = null;
        long sequence = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = generation is null ? "internal/cache-events" : $"internal/cache-events?generation={generation}&after={sequence}";
                var answer = await http.GetFromJsonAsync<CacheEventsResponse>(url, stoppingToken);
                if (answer is null) continue;
                if (answer.Generation != generation || answer.Tags is null)
                {
                    // First contact, a restarted API, a missed stretch or a wide change: whatever is cached may be stale.
                    await store.EvictByTagAsync(PageCache.Tag, stoppingToken);
                }
                else
                {
                    foreach (var tag in answer.Tags) await store.EvictByTagAsync(tag, stoppingToken);
                }
                generation = answer.Generation;
                sequence = answer.Sequence;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Without news from the API no page may outlive what it might have missed.
                logger.LogDebug(ex, "Cache events unavailable; dropping cached pages");
                generation = null;
                try
                {
                    await store.EvictByTagAsync(PageCache.Tag, stoppingToken);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
