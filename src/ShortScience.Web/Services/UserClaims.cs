using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShortScience.Contracts;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Services;

/// <summary>Claims the Web host keeps in its encrypted cookie: who the person is and their API tokens.</summary>
public static class UserClaims
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string AccessExpires = "access_expires";
    public const string DisplayName = "display_name";
    public const string EmailConfirmed = "email_confirmed";

    public static ClaimsPrincipal Build(Me me, TokenResponse tokens, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, me.Id.ToString()),
            new(ClaimTypes.Name, me.UserName),
            new(DisplayName, me.DisplayName),
            new(EmailConfirmed, me.EmailConfirmed ? "true" : "false"),
            new(AccessToken, tokens.AccessToken),
            new(RefreshToken, tokens.RefreshToken),
            new(AccessExpires, now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(me.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Task SignInAsync(HttpContext http, Me me, TokenResponse tokens, bool persistent) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Build(me, tokens, DateTimeOffset.UtcNow),
            new AuthenticationProperties { IsPersistent = persistent });

    /// <summary>
    /// A new cookie for the person already signed in here (new roles, a new password), kept as long as the one it
    /// replaces: "keep me signed in" left unticked must not become thirty days on a shared computer.
    /// </summary>
    public static async Task SignInAgainAsync(HttpContext http, Me me, TokenResponse tokens)
    {
        var current = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await SignInAsync(http, me, tokens, persistent: current.Properties?.IsPersistent == true);
    }

    /// <summary>
    /// The cookie with the name the person now goes by (the header shows it from the next page on), the tokens and
    /// lifetime as they were. Not when this request already rotated the tokens: that new cookie is on its way, and
    /// this one, built from the request's, would carry the spent pair; the name then follows at the next refresh.
    /// </summary>
    public static Task RenameAsync(HttpContext http, string displayName, bool tokensRotated) => tokensRotated ? Task.CompletedTask
        : ReissueAsync(http, user => user.FindFirstValue(DisplayName) == displayName ? null : WithClaims(user, new Claim(DisplayName, displayName)));

    /// <summary>
    /// Re-issues the cookie of the person signed in on this request with its claims changed (<paramref name="change"/>;
    /// null: no change), keeping its lifetime ("keep me signed in" or not). Nothing once the answer has started.
    /// </summary>
    public static async Task ReissueAsync(HttpContext http, Func<ClaimsPrincipal, ClaimsPrincipal?> change)
    {
        var current = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (current.Principal is not { } user || http.Response.HasStarted || change(user) is not { } changed) return;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, changed, current.Properties);
    }

    /// <summary>The person's claims with these in place of those of the same types.</summary>
    public static ClaimsPrincipal WithClaims(ClaimsPrincipal user, params Claim[] replacements)
    {
        var types = replacements.Select(c => c.Type).ToHashSet();
        return new ClaimsPrincipal(new ClaimsIdentity(user.Claims.Where(c => !types.Contains(c.Type)).Concat(replacements),
            CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

/// <summary>
/// Cookie check on each request: shortly before the access token expires, trade the refresh token for a new
/// one and renew the cookie; when the API says the session is over, sign the browser out too.
/// </summary>
public static class CookieSessionRefresh
{
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        if (user is null || !long.TryParse(user.FindFirstValue(UserClaims.AccessExpires), out var expiresAt)) return;
        var now = DateTimeOffset.UtcNow;
        if (DateTimeOffset.FromUnixTimeSeconds(expiresAt) - now > Margin) return;

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountsClient>();
        try
        {
            var refreshed = await accounts.RefreshAsync(user.FindFirstValue(UserClaims.RefreshToken) ?? "", context.HttpContext.RequestAborted);
            var me = refreshed.Value is { } tokens ? await accounts.GetMeAsync(tokens.AccessToken, context.HttpContext.RequestAborted) : default;
            if (refreshed.Value is null || me.Value is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return;
            }
            context.ReplacePrincipal(UserClaims.Build(me.Value, refreshed.Value, now));
            context.ShouldRenew = true;
        }
        catch (ApiUnavailableException)
        {
            // The API is down: keep the person signed in; pages will say the service is unavailable.
        }
    }
}
