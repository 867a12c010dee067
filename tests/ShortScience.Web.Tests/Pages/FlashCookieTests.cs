using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using ShortScience.Web.Services;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// The flash cookie carries a refused text back to its form. A browser keeps at most 4 KB for one cookie and drops a
/// larger one silently (message and text gone), so a long text in any script is cut to fit, and what is kept reads back.
/// </summary>
public sealed class FlashCookieTests
{
    [Theory]
    [InlineData("注意力机制让解码器对齐源句。")] // three bytes a character in UTF-8
    [InlineData("<b>\"quotes\" & 'apostrophes'</b> ")] // six bytes each when escaped as \u0022
    [InlineData("plain words ")]
    public void ALongRefusedTextStillFitsInOneCookieAndReadsBack(string piece)
    {
        var flash = new Flash(new EphemeralDataProtectionProvider());
        var text = string.Concat(Enumerable.Repeat(piece, 2000 / piece.Length + 1));
        var sent = new DefaultHttpContext();
        flash.Set(sent, new FlashMessage(null, "The comment was refused.", "comment-1", text));

        var header = sent.Response.Headers.SetCookie.ToString();
        Assert.True(header.Length <= 4096, $"{header.Length} bytes of Set-Cookie");
        var value = header[(header.IndexOf('=') + 1)..header.IndexOf(';')];
        var back = new DefaultHttpContext();
        back.Request.Headers.Cookie = $"shortscience_flash={value}";
        var message = flash.Take(back);
        Assert.NotNull(message);
        Assert.Equal("The comment was refused.", message.Error);
        Assert.StartsWith(message.Text!, text, StringComparison.Ordinal);
        Assert.True(message.Text!.Length >= 500, $"only {message.Text.Length} characters kept");
    }
}
