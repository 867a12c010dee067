using ShortScience.Contracts;

namespace ShortScience.Core.Tests.Text;

public sealed class VisibleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n\u00A0\u3000")]         // white space of every width
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")] // zero-width characters and the byte-order mark
    [InlineData("\u200E\u200F\u202A\u202E\u2066")] // direction marks and controls
    [InlineData("\u3164\u115F\u1160\uFFA0\u2800")] // fillers that count as letters, the blank Braille cell
    [InlineData("\uFE0F\u034F\U000E0041")]         // a variation selector, the grapheme joiner, a tag character
    public void TextThatShowsNothingIsBlank(string? text) => Assert.True(Visible.IsBlank(text));

    [Theory]
    [InlineData("a")]
    [InlineData("\u200B.\u200B")]
    [InlineData("\U0001F469\u200D\U0001F52C")] // an emoji sequence joined by U+200D
    [InlineData("\u0645\u06CC\u200C")]          // Persian with its zero-width non-joiner
    [InlineData("$")]
    public void TextWithAnythingToShowIsNotBlank(string text) => Assert.False(Visible.IsBlank(text));

    [Theory]
    [InlineData("  Deep\n\tLearning  ", "Deep Learning")]
    [InlineData("\u202Enimda\u202C", "nimda")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e", "abcde")]
    [InlineData("Why\u0000 \u0007does it\r\nwork?", "Why does it work?")]
    [InlineData("\u200F\u05E9\u05DC\u05D5\u05DD", "\u200F\u05E9\u05DC\u05D5\u05DD")] // a direction mark stays
    [InlineData("\U0001F469\u200D\U0001F52C Ada", "\U0001F469\u200D\U0001F52C Ada")]
    [InlineData(" \u202E ", "")]
    public void OneLineCollapsesSpacesAndDropsDirectionControls(string text, string expected) =>
        Assert.Equal(expected, Visible.OneLine(text));

    [Theory]
    [InlineData("C++", true)]
    [InlineData("\u2207", true)]          // a math symbol
    [InlineData("\u65E5\u672C\u8A9E", true)]
    [InlineData("$", true)]
    [InlineData("x", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("!?#%", false)]
    [InlineData(" \u200B ", false)]
    [InlineData(null, false)]
    public void ATagNeedsALetterADigitOrASymbol(string? text, bool expected) => Assert.Equal(expected, Visible.HasWordOrSymbol(text));
}
