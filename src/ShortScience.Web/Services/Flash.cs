using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ShortScience.Web.Services;

/// <summary>
/// A one-time message carried across a post-redirect-get: what happened, or why it failed and the text the
/// person typed, so nothing typed is lost when the API refuses it. Encrypted, HttpOnly, a minute long.
/// </summary>
public sealed record FlashMessage(string? Notice, string? Error = null, string? Form = null, string? Text = null);

public sealed class Flash(IDataProtectionProvider protection)
{
    const string Cookie = "shortscience_flash";

    // Encrypted and encoded, this stays under the 4 KB a browser keeps for one cookie.
    const int MaxText = 1800;
    readonly IDataProtector _protector = protection.CreateProtector("ShortScience.Web.Flash");

    public void Set(HttpContext http, FlashMessage message)
    {
        var json = JsonSerializer.Serialize(message with { Text = message.Text is { Length: > MaxText } t ? t[..MaxText] : message.Text });
        http.Response.Cookies.Append(Cookie, _protector.Protect(json), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(1), Path = "/",
        });
    }

    /// <summary>Reads and clears the message (once per request; later calls see the same one).</summary>
    public FlashMessage? Take(HttpContext http)
    {
        if (http.Items.TryGetValue(Cookie, out var taken)) return taken as FlashMessage;
        FlashMessage? message = null;
        if (http.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            try
            {
                message = JsonSerializer.Deserialize<FlashMessage>(_protector.Unprotect(value));
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
            {
                // A stale or tampered cookie is simply ignored.
            }
            if (!http.Response.HasStarted) http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        }
        http.Items[Cookie] = message;
        return message;
    }
}
