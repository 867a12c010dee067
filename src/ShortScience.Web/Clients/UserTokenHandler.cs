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
        if (tokens is null || await tokens.AccessTokenAsync() is not { } token) return await base.SendAsync(request, ct);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        // The access token ran out during a long circuit: refresh once, then give up.
        response.Dispose();
        var refreshed = await tokens.RefreshAsync(ct) ?? throw new SessionEndedException();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed);
        return await base.SendAsync(request, ct);
    }
}
