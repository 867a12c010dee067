using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using ShortScience.Contracts;
using ShortScience.Web.Services;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// The flash cookie carries a refused text back to its form. A browser keeps at most 4 KB for one cookie and drops a
/// larger one silently (message and text gone), so the message is compressed and spread over a few cookies: the
/// longest text a form takes comes back whole, and what cannot fit is cut with a message that says so.
/// </summary>
public sealed class FlashCookieTests
{
    static FlashMessage? RoundTrip(Flash flash, FlashMessage message)
    {
        var sent = new DefaultHttpContext();
        flash.Set(sent, message);
        var cookies = sent.Response.Headers.SetCookie.Select(h => h!).ToList();
        Assert.InRange(cookies.Count, 1, 4);
        Assert.All(cookies, c => Assert.True(c.Length <= 4096, $"{c.Length} bytes of Set-Cookie"));
        Assert.True(cookies.Sum(c => c.Length) <= 16 * 1024, "the cookies would crowd the request headers");
        var back = new DefaultHttpContext();
        back.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => c[..c.IndexOf(';')]));
        return flash.Take(back);
    }

    [Theory]
    [InlineData("注意力机制让解码器对齐源句。")] // three bytes a character in UTF-8
    [InlineData("<b>\"quotes\" & 'apostrophes'</b> ")] // six bytes each when escaped as \u0022
    [InlineData("Attention lets the decoder align $\\alpha_{ij} = \\mathrm{softmax}(e_{ij})$ with the source. ")]
    public void TheLongestTextAFormTakesReadsBackWhole(string piece)
    {
        var flash = new Flash(new EphemeralDataProtectionProvider());
        var text = string.Concat(Enumerable.Repeat(piece, Limits.AnswerChars / piece.Length + 1))[..Limits.AnswerChars];

        var message = RoundTrip(flash, new FlashMessage(null, "The answer was refused.", "answer-1", text));

        Assert.NotNull(message);
        Assert.Equal("The answer was refused.", message.Error);
        Assert.Equal(text, message.Text);
    }

    [Fact]
    public void ATextThatCannotFitIsCutAndTheMessageSaysSo()
    {
        var flash = new Flash(new EphemeralDataProtectionProvider());
        // Random letters compress poorly: 20,000 of them cannot ride in 16 KB of sealed base64.
        var random = new Random(7);
        var text = new string(Enumerable.Range(0, Limits.AnswerChars).Select(_ => (char)random.Next(0x4E00, 0x9FFF)).ToArray());

        var message = RoundTrip(flash, new FlashMessage(null, "The answer was refused.", "answer-1", text));

        Assert.NotNull(message);
        Assert.StartsWith("The answer was refused. Your text was too long to carry back whole", message.Error);
        Assert.StartsWith(message.Text!, text, StringComparison.Ordinal);
        Assert.Contains($"only its first {message.Text!.Length:N0} of {text.Length:N0} characters", message.Error);
        Assert.True(message.Text.Length >= 2000, $"only {message.Text.Length} characters kept");
    }

    [Fact]
    public void AHugeNoticeIsCutRatherThanMakingTheCookieTooBigToKeep()
    {
        var flash = new Flash(new EphemeralDataProtectionProvider());
        var message = RoundTrip(flash, new FlashMessage($"You now follow {new string('x', 200_000)}.", new string('e', 100_000)));
        Assert.NotNull(message);
        Assert.StartsWith("You now follow xxx", message.Notice);
        Assert.True(message.Notice!.Length <= 600 && message.Error!.Length <= 600);
    }

    [Fact]
    public void ALeftoverChunkOfAnEarlierMessageOrATamperedCookieIsIgnored()
    {
        var flash = new Flash(new EphemeralDataProtectionProvider());
        var sent = new DefaultHttpContext();
        flash.Set(sent, new FlashMessage("Saved."));
        var first = sent.Response.Headers.SetCookie.Single()!;
        var value = first[(first.IndexOf('=') + 1)..first.IndexOf(';')];

        var withLeftover = new DefaultHttpContext();
        withLeftover.Request.Headers.Cookie = $"shortscience_flash={value}; shortscience_flashC1=stale";
        Assert.Equal("Saved.", flash.Take(withLeftover)?.Notice);

        var tampered = new DefaultHttpContext();
        tampered.Request.Headers.Cookie = "shortscience_flash=chunks-3; shortscience_flashC1=" + value;
        Assert.Null(flash.Take(tampered));
    }
}
