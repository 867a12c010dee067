using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>
/// A one-time message carried across a post-redirect-get: what happened, or why it failed and the text the
/// person typed, so nothing typed is lost when the API refuses it. Encrypted, HttpOnly, a minute long.
/// </summary>
public sealed record FlashMessage(string? Notice, string? Error = null, string? Form = null, string? Text = null);

/// <remarks>
/// A browser keeps at most 4 KB for one cookie and drops a larger one silently (message and text gone), and Kestrel
/// takes 32 KB of request headers in all. The message is compressed, sealed and spread over at most
/// <see cref="MaxChunks"/> cookies: the longest text a form takes (20,000 characters) comes back whole unless it
/// compresses badly, and then it is cut where it must be and the message says so.
/// </remarks>
public sealed class Flash(IDataProtectionProvider protection)
{
    const string Cookie = "shortscience_flash";

    /// <summary>The longest text any form sends (a question or an answer).</summary>
    const int MaxText = Limits.QuestionChars;

    /// <summary>Notices and errors may quote what was typed (a title): never the size of a text.</summary>
    const int MaxNotice = 600;

    // What a browser keeps for one cookie is 4 KB, name and attributes included; the sealed message fills at most three
    // (plus the first cookie that counts them).
    const int ChunkChars = 3800;
    const int MaxChunks = 3;

    /// <summary>Missing or extra chunks (a stale cookie of an earlier message) read as no message rather than throwing.</summary>
    static readonly ChunkingCookieManager Chunks = new() { ChunkSize = 4000, ThrowForPartialCookies = false };

    // UTF-8 as it is: the default encoder writes every non-ASCII or HTML-sensitive character as a six-byte \uXXXX.
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly IDataProtector _protector = protection.CreateProtector("ShortScience.Web.Flash.v2");

    public void Set(HttpContext http, FlashMessage message)
    {
        message = message with { Notice = TextCut.PrefixOrNull(message.Notice, MaxNotice), Error = TextCut.PrefixOrNull(message.Error, MaxNotice) };
        var text = TextCut.PrefixOrNull(message.Text, MaxText);
        var value = Seal(message with { Text = text });
        if (value.Length > ChunkChars * MaxChunks && text is { Length: > 0 })
        {
            // It does not fit whole: keep as much as fits, and say that the rest is gone.
            var whole = text.Length;
            while (value.Length > ChunkChars * MaxChunks && text.Length > 0)
            {
                text = TextCut.Prefix(text, (int)((long)text.Length * ChunkChars * MaxChunks / value.Length * 9 / 10));
                var cut = $"Your text was too long to carry back whole: only its first {text.Length:N0} of {whole:N0} characters are below.";
                value = Seal(message with { Error = string.Join(" ", new[] { message.Error, cut }.OfType<string>()), Text = text });
            }
        }

        // The framework's chunking (as for authentication cookies): a first cookie naming the count, then the chunks.
        Chunks.AppendResponseCookie(http, Cookie, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(1), Path = "/",
        });
    }

    /// <summary>Reads and clears the message (once per request; later calls see the same one).</summary>
    public FlashMessage? Take(HttpContext http)
    {
        if (http.Items.TryGetValue(Cookie, out var taken)) return taken as FlashMessage;
        FlashMessage? message = null;
        if (http.Request.Cookies.ContainsKey(Cookie))
        {
            message = Chunks.GetRequestCookie(http, Cookie) is { Length: > 0 } value ? Read(value) : null;
            if (!http.Response.HasStarted) Chunks.DeleteCookie(http, Cookie, new CookieOptions { Path = "/" });
        }
        http.Items[Cookie] = message;
        return message;
    }

    FlashMessage? Read(string value)
    {
        try
        {
            return Unseal(value);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException or InvalidDataException)
        {
            // A stale or tampered cookie is simply ignored.
            return null;
        }
    }

    string Seal(FlashMessage message)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, message, Json);
        }
        return WebEncoders.Base64UrlEncode(_protector.Protect(compressed.ToArray()));
    }

    FlashMessage? Unseal(string value)
    {
        using var brotli = new BrotliStream(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(value))), CompressionMode.Decompress);
        // A sealed message is at most a few times its cookie's size once unpacked; more is not ours.
        using var limited = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = brotli.Read(buffer)) > 0)
        {
            limited.Write(buffer, 0, read);
            if (limited.Length > 1_000_000) throw new InvalidDataException("The flash message unpacks to more than it could hold.");
        }
        limited.Position = 0;
        return JsonSerializer.Deserialize<FlashMessage>(limited, Json);
    }
}
