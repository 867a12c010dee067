using System.Text;
using ShortScience.Core.Text;

namespace ShortScience.Core.Tests.Text;

public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("\uFFFE\u202E", "\uFFFD\u202E")]          // a noncharacter typed into the search box
    [InlineData("a\uD800b", "a\uD800b")]                    // what normalization accepts stays as it is
    [InlineData("e\u0301 \U0001F600", "\u00E9 \U0001F600")] // valid text is only normalized
    public void NormalizingNeverThrowsAndKeepsValidText(string input, string expected) =>
        Assert.Equal(expected, input.NormalizeSafely(NormalizationForm.FormC));

    [Theory]
    [InlineData("\uFFFE\u202E")]
    [InlineData("Attention\uD800 is all you need")]
    public void SlugsAndTitleKeysOfHostileTextAreMadeNotThrown(string input) =>
        Assert.NotNull(Slug.NormalizeTitle(input));
}
