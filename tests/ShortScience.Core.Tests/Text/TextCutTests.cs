using ShortScience.Contracts;

namespace ShortScience.Core.Tests.Text;

public sealed class TextCutTests
{
    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("ab😀cd", 3, "ab")] // the cut would fall inside the emoji's surrogate pair
    [InlineData("ab😀cd", 4, "ab😀")]
    [InlineData("😀", 1, "")]
    public void APrefixNeverEndsInHalfACharacter(string text, int max, string expected)
    {
        var cut = TextCut.Prefix(text, max);
        Assert.Equal(expected, cut);
        Assert.False(cut.Length > 0 && char.IsHighSurrogate(cut[^1]));
        Assert.Null(TextCut.PrefixOrNull(null, max));
    }
}
