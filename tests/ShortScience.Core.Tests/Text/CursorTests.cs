using ShortScience.Core.Text;

namespace ShortScience.Core.Tests.Text;

public sealed class CursorTests
{
    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(-5L, 42L)]
    [InlineData(638_000_000_000_000_000L, long.MaxValue)]
    public void EncodedCursorsDecodeToTheSameValues(long value, long id)
    {
        var text = new Cursor(value, id).Encode();

        Assert.True(Cursor.TryDecode(text, out var decoded));
        Assert.Equal(new Cursor(value, id), decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("MTIz")] // "123": no separator
    [InlineData("YTpi")] // "a:b"
    [InlineData("MTotMg")] // "1:-2": negative id
    public void ForgedOrGarbledCursorsAreRefused(string text) => Assert.False(Cursor.TryDecode(text, out _));

    [Fact]
    public void OverlongCursorsAreRefused() => Assert.False(Cursor.TryDecode(new string('A', 500), out _));
}
