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
    public void SpansRebuildBothTextsExactly(string before, string after) => AssertRebuilds(TextDiffer.Compare(before, after), before, after);

    /// <summary>
    /// Two long texts where every line (or every word of one long line) changed: compared in full, that was billions of
    /// steps on a public page; past the limit the rewrite is shown as what went and what came, still exactly.
    /// </summary>
    [Theory]
    [InlineData("a\n", "b\n", 50_000, true)]
    [InlineData("alpha ", "beta ", 20_000, false)]
    public async Task ARewriteOfALongTextIsShownWholeAndQuickly(string oldPiece, string newPiece, int count, bool lines)
    {
        var head = "# Kept title\n\nKept opening.\n";
        var before = head + string.Concat(Enumerable.Repeat(oldPiece, count)) + "\nKept ending.";
        var after = head + string.Concat(Enumerable.Repeat(newPiece, count)) + "\nKept ending.";
        var diff = await Task.Run(() => TextDiffer.Compare(before, after)).WaitAsync(TimeSpan.FromSeconds(60)); // minutes before
        Assert.True(diff.HasChanges);
        Assert.Equal("# Kept title", diff.Blocks[0].Spans.Single().Text);
        Assert.Equal(DiffKind.Same, diff.Blocks[^1].Kind);
        if (!lines) Assert.Contains(diff.Blocks, b => b.Spans.Any(s => s.Kind == DiffKind.Removed) && b.Spans.Any(s => s.Kind == DiffKind.Added));
        AssertRebuilds(diff, before, after);
    }

    static void AssertRebuilds(TextDiff diff, string before, string after)
    {
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
