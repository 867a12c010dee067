using System.Net;
using System.Net.Http.Headers;

namespace ShortScience.Web.Clients;

/// <summary>
/// The one transport rule of every client: calls carry the signed-in person's bearer token (kept in the Web host's
/// cookie, never sent to the browser) and the visitor's address; when the token has run out, it is refreshed once and
/// the call retried. A request that sets its own Authorization, or is marked <see cref="Anonymous"/>, goes as it is.
/// </summary>
/// <remarks>
/// IHttpClientFactory builds handlers in a DI scope of their own, so the person is looked up in the scope of the
/// caller: the interactive circuit's (<see cref="CircuitServicesAccessor"/>), else the request's.
/// </remarks>
public sealed class UserTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor context) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("ShortScience.Anonymous");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // The API limits sign-ups and posts per visitor: tell it who the visitor is, not this host.
        if (context.HttpContext?.Connection.RemoteIpAddress is { } ip) request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip.ToString());
        var tokens = request.Headers.Authorization is null && !(request.Options.TryGetValue(Anonymous, out var anonymous) && anonymous)
            ? (circuit.Services ?? context.HttpContext?.RequestServices)?.GetService<UserTokens>()
            : null;
        PrimaryPinCookie.Forward(context.HttpContext, request);
        if (tokens is null || await tokens.AccessTokenAsync() is not { } token) return PrimaryPinCookie.Keep(context.HttpContext, await base.SendAsync(request, ct));

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return PrimaryPinCookie.Keep(context.HttpContext, response);

        // The access token ran out during a long circuit: refresh once, then give up.
        response.Dispose();
        var refreshed = await tokens.RefreshAsync(ct) ?? throw new SessionEndedException();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed);
        return PrimaryPinCookie.Keep(context.HttpContext, await base.SendAsync(request, ct));
    }
}

/// <summary>
/// Read-your-writes through the Web host: the API answers a write with a short-lived, sealed
/// <c>ShortScience-Primary-Pin</c> (docs/scaling.md); the Web host keeps it in an HttpOnly cookie of the visitor's and
/// sends it back with the visitor's next calls, so the page after a form post is read from the primary, not from a
/// standby that may not have the write yet. The token is opaque here; the API alone can open it.
/// </summary>
public static class PrimaryPinCookie
{
    public const string Header = "ShortScience-Primary-Pin";
    public const string Cookie = "shortscience-pin";

    public static void Forward(HttpContext? visitor, HttpRequestMessage request)
    {
        if (visitor?.Request.Cookies[Cookie] is { Length: > 0 and < 1024 } pin && !request.Headers.Contains(Header))
        {
            request.Headers.TryAddWithoutValidation(Header, pin);
        }
    }

    public static HttpResponseMessage Keep(HttpContext? visitor, HttpResponseMessage response)
    {
        if (visitor is { Response.HasStarted: false } && response.Headers.TryGetValues(Header, out var values)
            && values.FirstOrDefault() is { Length: > 0 and < 1024 } pin)
        {
            visitor.Response.Cookies.Append(Cookie, pin, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = visitor.Request.IsHttps, Path = "/",
                MaxAge = TimeSpan.FromMinutes(1), // the token inside expires sooner; this only bounds the cookie
            });
        }
        return response;
    }
}
