using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Discovery;

[Collection(DiscoveryCollection.Name)]
public sealed partial class BrowsingTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task AReaderGoesFromTheVenuesToAYearToAPaper()
    {
        await site.SeedAsync();
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/venues").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "NeurIPS", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/venues/neurips$"));
        // The venue's page opens on its newest year.
        await Expect(page.Locator("h1")).ToHaveTextAsync("NeurIPS 2017");
        var years = await page.Locator("nav.years a").EvaluateAllAsync<string[]>("links => links.map(a => a.firstChild.textContent.trim())");
        Assert.Equal(["2017", "2016", "2015", "2014"], years);

        await page.Locator("nav.years a", new() { HasTextString = "2014" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/venues/neurips/2014$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("NeurIPS 2014");
        var cards = page.Locator("article.paper-card");
        Assert.Equal(2, await cards.CountAsync());
        Assert.True(await cards.First.Locator(".excerpt p").CountAsync() >= 1, "each summarized paper shows its summary's opening");

        await page.Locator("nav.years a", new() { HasTextString = "2017" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("NeurIPS 2017");
        await Expect(page.Locator(".needs-summary")).ToContainTextAsync(DiscoverySite.WaitingTitle);
        Assert.Equal($"/papers/{DiscoverySite.WaitingKey}/summarize",
            await page.Locator(".needs li", new() { HasTextString = DiscoverySite.WaitingTitle }).GetByRole(AriaRole.Link, new() { Name = "Summarize" }).GetAttributeAsync("href"));

        await cards.First.Locator("h3 a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/papers/1706\\.03762$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Attention Is All You Need");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SearchSuggestsAsYouTypeThenFindsHighlightsAndOpensAPaper()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(site.WebUrl.ToString());
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search papers and summaries" });

        await box.PressSequentiallyAsync("atten", new() { Delay = 40 });
        var options = page.Locator("#site-search-suggestions option");
        await Expect(options.First).ToBeAttachedAsync();
        Assert.Contains("Attention Is All You Need", await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));

        await box.FillAsync("attention is all you need");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=attention(\\+|%20)is"));
        var first = page.Locator("ol.search-results article.hit").First;
        await Expect(first.Locator("h3")).ToHaveTextAsync("Attention Is All You Need");
        await Expect(page.Locator(".snippet mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("aside.facets")).ToContainTextAsync("NeurIPS");

        await first.Locator("h3 a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/papers/1706\\.03762$"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnArxivIdInTheSearchBoxOpensThePaperAndAnUnknownOneOffersToAddIt()
    {
        await site.CreateMemberAsync("finder");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "finder");
        await page.GotoAsync(site.WebUrl.ToString());
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search papers and summaries" });

        await box.FillAsync("https://arxiv.org/abs/1406.2661v1");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/papers/1406\\.2661$"));

        await page.GotoAsync(new Uri(site.WebUrl, "/search?q=2401.00001").ToString());
        var add = page.GetByRole(AriaRole.Link, new() { Name = "Add this paper" });
        Assert.Equal("/add?q=2401.00001", await add.GetAttributeAsync("href"));
        await add.ClickAsync();
        await Expect(page.Locator("#add-input")).ToHaveValueAsync("2401.00001");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HomeDefaultsToPopularFallsBackToRecentAndFiltersByField()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(site.WebUrl.ToString());

        await Expect(page.Locator("h1")).ToHaveTextAsync("Popular summaries");
        // Popular or, when nothing was read lately, the newest with a notice: which one depends on what the other
        // tests on this site happened to read; either way the page lists summaries.
        Assert.True(await page.Locator("article.teaser").CountAsync() > 0);
        await page.Locator("nav.fields").GetByRole(AriaRole.Link, new() { Name = "stat", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("field=stat"));
        await Expect(page.Locator("nav.fields a[aria-current=page]")).ToHaveTextAsync("stat");
        var titles = await page.Locator("article.teaser h2").AllInnerTextsAsync();
        Assert.Contains("Generative Adversarial Nets", titles);
        Assert.DoesNotContain("Attention Is All You Need", titles);

        await page.GetByRole(AriaRole.Link, new() { Name = "Random summary" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/papers/[^/]+#summary-\\d+$"));
        Assert.Empty(errors);
    }
}
