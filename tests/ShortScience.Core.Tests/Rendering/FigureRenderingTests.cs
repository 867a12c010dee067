using ShortScience.Core.Feeds;

namespace ShortScience.Core.Tests.Rendering;

public sealed class FigureRenderingTests
{
    const string Hash = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void ASiteFigureShowsTheColumnWidthWithAFullSizeSrcsetAndLink()
    {
        var html = Rendered.Html($"See ![Loss curve](/figures/{Hash}.webp) here.");
        var img = Assert.Single(html.QuerySelectorAll("img"));
        Assert.Equal($"/figures/{Hash}-column.webp", img.GetAttribute("src"));
        Assert.Equal($"/figures/{Hash}-column.webp 1x, /figures/{Hash}.webp 2x", img.GetAttribute("srcset"));
        Assert.Equal("Loss curve", img.GetAttribute("alt"));
        Assert.Equal($"/figures/{Hash}.webp", img.ParentElement!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("![x](/etc/passwd)")]
    [InlineData("![x](/figures/../api/v1/me.webp)")]
    [InlineData("![x](/figures/0123.webp)")]
    [InlineData("![x](data:image/png;base64,iVBORw0KGgo=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<img src=\"/figures/0123456789abcdef0123456789abcdef.webp\" srcset=\"https://evil.example/a.png 2x\" onerror=\"alert(1)\">")]
    public void OnlySiteFiguresAndHttpImagesAreKept(string markdown)
    {
        var html = Rendered.Html(markdown);
        foreach (var img in html.QuerySelectorAll("img"))
        {
            Assert.Matches("^/figures/[0-9a-f]{32}(-column)?\\.webp$", img.GetAttribute("src"));
            Assert.DoesNotContain("evil", img.GetAttribute("srcset") ?? "");
            Assert.Null(img.GetAttribute("onerror"));
        }
    }

    [Fact]
    public void AnImageOnAnotherHostStaysAsItIs()
    {
        var img = Assert.Single(Rendered.Html("![p](https://example.org/p.png)").QuerySelectorAll("img"));
        Assert.Equal("https://example.org/p.png", img.GetAttribute("src"));
        Assert.Null(img.GetAttribute("srcset"));
    }

    [Fact]
    public void FeedsGiveFiguresAbsoluteAddresses()
    {
        var html = Rendered.Text($"![Loss](/figures/{Hash}.webp)").Html;
        var feed = FeedHtml.Prepare(html, "https://site.example", "https://site.example/papers/x");
        Assert.Contains($"src=\"https://site.example/figures/{Hash}-column.webp\"", feed);
        Assert.Contains($"srcset=\"https://site.example/figures/{Hash}-column.webp 1x, https://site.example/figures/{Hash}.webp 2x\"", feed);
        Assert.Contains($"href=\"https://site.example/figures/{Hash}.webp\"", feed);
    }
}
