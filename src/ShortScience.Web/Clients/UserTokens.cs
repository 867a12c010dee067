using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.JSInterop;
using ShortScience.Web.Components.Pages.Accounts;
using ShortScience.Contracts;
using ShortScience.Web.Services;

namespace ShortScience.Web.Clients;

/// <summary>The token for API calls made on this request or circuit, refreshed in place when it runs out.</summary>
public sealed class UserTokens(
    IHttpContextAccessor context, AuthenticationStateProvider auth, AccountsClient accounts, IDataProtectionProvider keys, IServiceProvider services)
{
    string? _access;
    string? _refresh;

    /// <summary>Whether this request or circuit traded the refresh token for a new pair (the cookie's pair is spent).</summary>
    public bool Rotated => _refresh is not null;

    public async Task<string?> AccessTokenAsync() => _access ?? (await UserAsync()).FindFirstValue(UserClaims.AccessToken);

    public async Task<string?> RefreshAsync(CancellationToken ct)
    {
        var refresh = _refresh ?? (await UserAsync()).FindFirstValue(UserClaims.RefreshToken);
        if (refresh is null) return null;
        var result = await accounts.RefreshAsync(refresh, ct);
        if (result.Value is not { } tokens) return null;
        (_access, _refresh) = (tokens.AccessToken, tokens.RefreshToken);
        await KeepCookieAsync(tokens);
        return _access;
    }

    /// <summary>
    /// The refresh token just used is spent (the API rotates them): the browser's cookie must carry the new pair. In a
    /// request the cookie is rewritten on the response; in the editor's circuit the browser is asked to renew it.
    /// </summary>
    async Task KeepCookieAsync(TokenResponse tokens)
    {
        var now = DateTimeOffset.UtcNow;
        // A request whose answer has not started can carry the new cookie. In a circuit the accessor still hands out
        // the circuit's own request (the WebSocket's, long started), where a cookie can no longer be set: ask the page.
        if (context.HttpContext is { Response.HasStarted: false } http)
        {
            await SessionRenewal.RenewCookieAsync(http, tokens, now);
            return;
        }
        if ((await UserAsync()).FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        try
        {
            await services.GetRequiredService<IJSRuntime>().InvokeVoidAsync("shortScienceRenewSession",
                SessionRenewal.Protect(keys, userId, tokens, now));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // The page is gone: the cookie keeps its old pair, and the next page load asks to sign in again.
        }
    }

    /// <summary>
    /// The person behind this call: the request's user in pages and form posts, the circuit's user in
    /// interactive components (where there is no request).
    /// </summary>
    async Task<ClaimsPrincipal> UserAsync()
    {
        if (context.HttpContext?.User is { Identity.IsAuthenticated: true } user) return user;
        try
        {
            return (await auth.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Outside any component (a minimal-API form post by someone signed out): nobody.
            return new ClaimsPrincipal();
        }
    }
}
