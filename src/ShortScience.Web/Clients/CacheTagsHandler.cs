using ShortScience.Web.Services;

namespace ShortScience.Web.Clients;

/// <summary>
/// A page is as fresh as the API answers it was built from: the tags each answer names (what it shows) go to the
/// page's cache entry, so a write evicts exactly the pages that showed what it changed (<see cref="PageCache"/>).
/// Calls made from an interactive circuit belong to no cached page and are left alone.
/// </summary>
public sealed class CacheTagsHandler(CircuitServicesAccessor circuit, IHttpContextAccessor context) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (circuit.Services is null && context.HttpContext is { } http) PageCache.AddTags(http, response);
        return response;
    }
}
