using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using ShortScience.Contracts;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Accounts;

/// <summary>
/// Keeps the sign-in cookie in step with refresh tokens used outside a page load. The API rotates refresh tokens and
/// treats an old one as stolen, so once the editor's live session (which has no HTTP response to set a cookie on)
/// refreshes, the browser's cookie must learn the new pair, or the next page load would sign the person out.
/// </summary>
/// <remarks>
/// The circuit hands the browser an opaque blob, encrypted and signed by this host's Data Protection keys (as the
/// cookie itself is), valid for two minutes and for one person only; the browser posts it back to
/// <c>/account/session</c>, which re-issues the cookie. No token is ever readable by the browser.
/// </remarks>
public static class SessionRenewal
{
    const string Purpose = "ShortScience.SessionRenewal";
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    sealed record Renewal(string UserId, string AccessToken, string RefreshToken, long ExpiresAt);

    public static string Protect(IDataProtectionProvider keys, string userId, TokenResponse tokens, DateTimeOffset now) =>
        keys.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect(JsonSerializer.Serialize(new Renewal(userId,
            tokens.AccessToken, tokens.RefreshToken, now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds())), Lifetime);

    /// <summary>The same principal with the new tokens in place of the old ones.</summary>
    public static ClaimsPrincipal WithTokens(ClaimsPrincipal user, string access, string refresh, long expiresAt) =>
        UserClaims.WithClaims(user, new Claim(UserClaims.AccessToken, access), new Claim(UserClaims.RefreshToken, refresh),
            new Claim(UserClaims.AccessExpires, expiresAt.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Rewrites the cookie of a request in which the tokens were refreshed (a page or form post).</summary>
    public static Task RenewCookieAsync(HttpContext http, TokenResponse tokens, DateTimeOffset now) =>
        UserClaims.ReissueAsync(http, user => WithTokens(user, tokens.AccessToken, tokens.RefreshToken, now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds()));

    public static void MapSessionRenewal(this WebApplication app) =>
        app.MapPost("/account/session", async (HttpContext http, IDataProtectionProvider keys) =>
        {
            var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (result.Principal is not { } user) return Results.Unauthorized();
            using var reader = new StreamReader(http.Request.Body);
            var blob = await reader.ReadToEndAsync(http.RequestAborted);
            Renewal? renewal;
            try
            {
                renewal = blob.Length is 0 or > 16_384 ? null
                    : JsonSerializer.Deserialize<Renewal>(keys.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(blob));
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
            {
                renewal = null;
            }
            if (renewal is null || renewal.UserId != user.FindFirstValue(ClaimTypes.NameIdentifier)) return Results.BadRequest();
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                WithTokens(user, renewal.AccessToken, renewal.RefreshToken, renewal.ExpiresAt), result.Properties);
            return Results.NoContent();
        }).DisableAntiforgery(); // the blob itself is the proof: only this host can make one, for this person
}
