using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>
/// A one-time message carried across a post-redirect-get: what happened, or why it failed and the text the
/// person typed, so nothing typed is lost when the API refuses it. Encrypted, HttpOnly, a minute long.
/// </summary>
public sealed record FlashMessage(string? Notice, string? Error = null, string? Form = null, string? Text = null);

public sealed class Flash(IDataProtectionProvider protection)
{
    const string Cookie = "shortscience_flash";

    const int MaxText = 1800;

    // What a browser keeps for one cookie is 4 KB, name and attributes included.
    const int MaxCookieValue = 3800;

    // UTF-8 as it is: the default encoder writes every non-ASCII or HTML-sensitive character as a six-byte \uXXXX.
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly IDataProtector _protector = protection.CreateProtector("ShortScience.Web.Flash");

    public void Set(HttpContext http, FlashMessage message)
    {
        // A long text in a wide script (CJK is three bytes a character) is cut until the sealed cookie fits; a cookie
        // over the limit would be dropped by the browser, and the message and the text with it.
        var text = TextCut.PrefixOrNull(message.Text, MaxText);
        var value = _protector.Protect(JsonSerializer.Serialize(message with { Text = text }, Json));
        while (value.Length > MaxCookieValue && text is { Length: > 0 })
        {
            text = TextCut.Prefix(text, text.Length * MaxCookieValue / value.Length * 9 / 10);
            value = _protector.Protect(JsonSerializer.Serialize(message with { Text = text }, Json));
        }
        http.Response.Cookies.Append(Cookie, value, new CookieOptions
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
