using System.Globalization;
using System.Text.RegularExpressions;
using ShortScience.Core.Rendering;

namespace ShortScience.Core.Tests.Rendering;

/// <summary>Every entry of hostile-inputs.txt comes out inert, whether it renders or is refused.</summary>
public sealed partial class HostileInputTests
{
    static readonly Lazy<List<string>> Corpus = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rendering", "hostile-inputs.txt"))
            .Split("\n%%%%\n").Skip(1).Select(e => Unescape(e.TrimEnd('\n'))).ToList());

    // Rows carry the entry's number only: some entries hold control characters that test reports cannot.
    public static TheoryData<int> Entries() => new(Enumerable.Range(1, Corpus.Value.Count));

    [Fact]
    public void TheCorpusHasAtLeastAHundredEntries() => Assert.True(Corpus.Value.Count >= 100);

    [Theory]
    [MemberData(nameof(Entries))]
    public void RendersInert(int entry)
    {
        var markdown = Corpus.Value[entry - 1];
        RenderedText rendered;
        try
        {
            rendered = Rendered.Text(markdown);
        }
        catch (RenderRefusedException refused)
        {
            Assert.NotEqual(RefusalReason.Busy, refused.Reason);
            return;
        }
        HtmlSafety.AssertInert(rendered.Html);
        HtmlSafety.AssertInert(rendered.ExcerptHtml);
    }

    [Theory]
    [InlineData("$\\href{javascript:alert(1)}{x}$", "\\href")]
    [InlineData("$\\url{javascript:alert(1)}$", "\\url")]
    [InlineData("$\\includegraphics{https://evil.example/x.png}$", "\\includegraphics")]
    [InlineData("$\\htmlClass{evil}{y}$", "\\htmlClass")]
    [InlineData("$\\htmlStyle{position:fixed}{y}$", "\\htmlStyle")]
    public void UntrustedMathCommandsShowAsTheirNameOnly(string markdown, string shown)
    {
        var html = Rendered.Html(markdown);

        Assert.Empty(html.QuerySelectorAll("a, img, [style*=fixed], .evil"));
        Assert.Contains(shown, html.QuerySelector(".katex-html")!.TextContent);
    }

    static string Unescape(string text) => CodePoint().Replace(text,
        m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{U\+([0-9A-F]{4,6})\}")]
    private static partial Regex CodePoint();
}
