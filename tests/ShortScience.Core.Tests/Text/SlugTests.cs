using ShortScience.Core.Text;

namespace ShortScience.Core.Tests.Text;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Aäron van den Oord", "aaron-van-den-oord")]
    [InlineData("Łukasz Kaiser", "lukasz-kaiser")]
    [InlineData("Léon Bottou", "leon-bottou")]
    [InlineData("Jürgen Schmidhuber", "jurgen-schmidhuber")]
    [InlineData("Straße", "strasse")]
    [InlineData("  NeurIPS  2017!! ", "neurips-2017")]
    [InlineData("Ørsted & Æther", "orsted-aether")]
    [InlineData("---", "")]
    public void FoldsNamesToReadableAsciiSlugs(string text, string expected) => Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void SlugsAreCutAtTheMaximumLength() => Assert.Equal(10, Slug.From(new string('a', 50), maxLength: 10).Length);

    [Theory]
    [InlineData("Attention Is All You Need", "attention is all you need")]
    [InlineData("Attention is all you need.", "attention is all you need")]
    [InlineData("  ATTENTION -- is all you NEED ", "attention is all you need")]
    public void TitlesThatDifferOnlyInCaseAndPunctuationNormalizeAlike(string title, string expected) =>
        Assert.Equal(expected, Slug.NormalizeTitle(title));
}
