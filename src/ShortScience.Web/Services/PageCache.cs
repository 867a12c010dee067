using System.Net.Http.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using ShortScience.Contracts;
using ShortScience.Hosting;

namespace ShortScience.Web.Services;

/// <summary>
/// Output caching of the reading pages for signed-out visitors, dropped the moment content changes: the API
/// counts its visible writes and <see cref="PageCacheInvalidator"/> long-polls that counter.
/// </summary>
/// <remarks>
/// Shared only between requests without the sign-in or flash cookie (signed-in pages hold a person's name, votes
/// and forms with antiforgery tokens); only GET/HEAD 200 responses without Set-Cookie are stored (ASP.NET Core's
/// default rules). The cache sits after compression and the security headers, which apply to every hit too.
/// </remarks>
public static class PageCache
{
    public const string Tag = CacheTags.Pages;

    static readonly string[] Pages = ["/papers", "/venues", "/years", "/tags", "/authors", "/users", "/search", "/about"];
    static readonly string[] NotPages = ["/summarize", "/edit"];

    public static void AddPageCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(PageCacheInvalidator), http =>
        {
            http.BaseAddress = new Uri((builder.Configuration["Api:BaseUrl"] ?? "http://127.0.0.1:5081").TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(40);
        });
        if (!builder.Configuration.GetValue("Caching:Pages", true)) return;
        // Redis when ConnectionStrings:Redis is set (the same store as the API's, which then evicts pages itself).
        builder.Services.AddSharedOutputCacheStore(builder.Configuration);
        builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy
            .With(context => IsSharedPage(context.HttpContext.Request))
            .Expire(TimeSpan.FromSeconds(60)) // popularity (views) changes without a write
            .Tag(Tag)));
        builder.Services.AddHostedService<PageCacheInvalidator>();
        // Decorate the registered antiforgery service (whatever its implementation) for shared pages.
        var registered = builder.Services.Last(d => d.ServiceType == typeof(IAntiforgery));
        builder.Services.Remove(registered);
        builder.Services.AddSingleton<IAntiforgery>(provider => new SharedPageAntiforgery(registered.ImplementationType is { } type
            ? (IAntiforgery)ActivatorUtilities.CreateInstance(provider, type)
            : registered.ImplementationFactory is { } factory ? (IAntiforgery)factory(provider) : (IAntiforgery)registered.ImplementationInstance!));
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
/// "no-store", which would keep every page out of the cache. Shared pages have no form that posts (their search box
/// is a GET), so for them the tokens are made but not stored; every other page (sign-in, writing) stores them.
/// </summary>
public sealed class SharedPageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        PageCache.IsSharedPage(httpContext.Request) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}

/// <summary>Drops every cached page when the API reports a visible write (or restarts, or cannot be asked).</summary>
public sealed class PageCacheInvalidator(IHttpClientFactory clients, IOutputCacheStore store, ILogger<PageCacheInvalidator> logger) : BackgroundService
{
    sealed record CacheEventsResponse(string Generation, long Sequence);

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
                if (answer.Generation != generation || answer.Sequence != sequence)
                {
                    // First contact, a restarted API, or a write: whatever is cached may be stale.
                    await store.EvictByTagAsync(PageCache.Tag, stoppingToken);
                    generation = answer.Generation;
                    sequence = answer.Sequence;
                }
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
