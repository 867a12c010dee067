namespace ShortScience.Core.Tests.Rendering;

/// <summary>The demo summaries are written the way ShortScience users write; every formula in them must render with KaTeX.</summary>
public sealed class DemoContentTests
{
    public static TheoryData<string> DemoFiles()
    {
        var folder = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(folder, "src", "ShortScience.Api", "Demo")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new DirectoryNotFoundException("repository root not found");
        }
        var summaries = Path.Combine(folder, "src", "ShortScience.Api", "Demo", "content", "summaries");
        return new(Directory.GetFiles(summaries, "*.md").Order().Select(f => Path.Combine(summaries, f)));
    }

    [Theory]
    [MemberData(nameof(DemoFiles))]
    public void EveryFormulaRendersWithKatex(string file)
    {
        var markdown = File.ReadAllText(file);
        var html = Rendered.Html(markdown);

        Assert.Empty(Rendered.Errors(html));
        Assert.Empty(html.QuerySelectorAll(".math-mathjax"));
        Assert.NotEmpty(html.QuerySelectorAll(".katex"));
        Assert.Equal(Core.Rendering.Citations.FindIds(markdown).Count, html.QuerySelectorAll(".citation a").Length);
        HtmlSafety.AssertInert(html.Body!.InnerHtml);
    }
}
