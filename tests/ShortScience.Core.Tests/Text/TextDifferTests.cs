using ShortScience.Contracts;
using ShortScience.Core.Text;

namespace ShortScience.Core.Tests.Text;

public sealed class TextDifferTests
{
    [Fact]
    public void IdenticalTextsHaveNoChanges() => Assert.False(TextDiffer.Compare("a\nb", "a\nb").HasChanges);

    [Fact]
    public void AChangedWordIsMarkedInsideItsLine()
    {
        var diff = TextDiffer.Compare("intro\nthe loss is convex here\nend", "intro\nthe loss is non-convex here\nend");

        Assert.Equal([DiffKind.Same, DiffKind.Changed, DiffKind.Same], diff.Blocks.Select(b => b.Kind));
        var spans = diff.Blocks[1].Spans;
        Assert.Equal("convex ", Assert.Single(spans, s => s.Kind == DiffKind.Removed).Text);
        Assert.Equal("non-convex ", Assert.Single(spans, s => s.Kind == DiffKind.Added).Text);
    }

    [Theory]
    [InlineData("a b c", "a x c")]
    [InlineData("$x_i^2$ and $y$", "$x_j^2$ or $y$ too")]
    [InlineData("", "new line")]
    [InlineData("gone entirely", "")]
    [InlineData("one\ntwo\nthree", "zero\none\nthree\nfour")]
    [InlineData("tabs\tand  double  spaces", "tabs and double spaces")]
    public void SpansRebuildBothTextsExactly(string before, string after)
    {
        var diff = TextDiffer.Compare(before, after);

        var oldLines = diff.Blocks.Where(b => b.Kind != DiffKind.Added)
            .Select(b => string.Concat(b.Spans.Where(s => s.Kind != DiffKind.Added).Select(s => s.Text)));
        var newLines = diff.Blocks.Where(b => b.Kind != DiffKind.Removed)
            .Select(b => string.Concat(b.Spans.Where(s => s.Kind != DiffKind.Removed).Select(s => s.Text)));
        Assert.Equal(before, string.Join('\n', oldLines));
        Assert.Equal(after, string.Join('\n', newLines));
    }

    [Fact]
    public void WindowsLineEndingsCompareEqualToUnixOnes() =>
        Assert.False(TextDiffer.Compare("a\r\nb", "a\nb").HasChanges);
}
