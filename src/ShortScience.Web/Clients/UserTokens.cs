using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using ShortScience.Web.Services;

namespace ShortScience.Web.Clients;

/// <summary>The token for API calls made on this request or circuit, refreshed in place when it runs out.</summary>
public sealed class UserTokens(IHttpContextAccessor context, AuthenticationStateProvider auth, AccountsClient accounts)
{
    string? _access;
    string? _refresh;

    public async Task<string?> AccessTokenAsync() => _access ?? (await UserAsync()).FindFirstValue(UserClaims.AccessToken);

    public async Task<string?> RefreshAsync(CancellationToken ct)
    {
        var refresh = _refresh ?? (await UserAsync()).FindFirstValue(UserClaims.RefreshToken);
        if (refresh is null) return null;
        var result = await accounts.RefreshAsync(refresh, ct);
        if (result.Value is not { } tokens) return null;
        (_access, _refresh) = (tokens.AccessToken, tokens.RefreshToken);
        return _access;
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
