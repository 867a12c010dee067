using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Browse;

/// <summary>Reading pages are complete HTML: with JavaScript off they show everything and their links work.</summary>
[Collection(SiteCollection.Name)]
public sealed class ReadingWithoutScriptTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task WithJavaScriptOffTheHomePaperAndVenuePagesRenderFullyAndLinksWork()
    {
        var (page, errors) = await browser.NewPageAsync(new() { JavaScriptEnabled = false });

        // The recent tab: popular depends on what other tests happened to view.
        await page.GotoAsync(new Uri(site.WebUrl, "/?tab=recent").ToString());
        Assert.True(await page.Locator("article.teaser").CountAsync() >= 15);
        await page.Locator("article.teaser h2.teaser-title a").First.ClickAsync();
        await Expect(page.Locator("article.summary .prose").First).ToBeVisibleAsync();
        // Math is finished HTML and MathML from the server; no script is needed to see it.
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        Assert.True(await page.Locator(".prose .katex math").CountAsync() > 3);
        Assert.True(await page.Locator(".prose .katex-html").First.IsVisibleAsync());
        // The abstract's "more" is a checkbox and CSS, not script.
        await page.Locator(".abstract .more-label").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "NeurIPS" }).First.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        await page.GotoAsync(new Uri(site.WebUrl, "/venues").ToString());
        Assert.True(await page.Locator("table.venues tbody tr").CountAsync() >= 3);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task APhoneWidthOf360PixelsNeverScrollsSideways()
    {
        var (page, errors) = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 760 } });
        foreach (var path in new[] { "/", "/papers/1706.03762", "/papers/1312.6114", "/venues", "/account/login", "/account/register", "/users/ada" })
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 360px screen");
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AReaderCanBrowseWithTheKeyboardAloneAndSeesWhereFocusIs()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(site.WebUrl.ToString());

        // The first Tab reaches the skip link, which becomes visible and jumps to the content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        Assert.True((await skip.BoundingBoxAsync())!.X >= 0, "the skip link should show when focused");
        await page.Keyboard.PressAsync("Enter");

        // Tab on until the first summary's paper title, then open it with Enter.
        var title = page.Locator("article.teaser h2.teaser-title a").First;
        for (var i = 0; i < 40 && !await title.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Expect(title).ToBeFocusedAsync();
        var outline = await title.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        var expected = await title.InnerTextAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync(expected);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PagesHaveLandmarksAndHeadingsInOrder()
    {
        var (page, _) = await browser.NewPageAsync();
        foreach (var path in new[] { "/", "/papers/1706.03762", "/venues", "/account/login" })
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            Assert.Equal(1, await page.Locator("header.site-header").CountAsync());
            Assert.Equal(1, await page.Locator("main").CountAsync());
            Assert.Equal(1, await page.Locator("footer.site-footer").CountAsync());
            Assert.Equal(1, await page.Locator("main h1").CountAsync());
            var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map(h => +h.tagName[1])");
            for (var i = 1; i < levels.Length; i++) Assert.True(levels[i] <= levels[i - 1] + 1, $"{path}: heading level jumps from {levels[i - 1]} to {levels[i]}");
        }
    }
}
