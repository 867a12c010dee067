using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShortScience.Web.Tests.Browse;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Search;

[Collection(BrowseCollection.Name)]
public sealed class SearchTests(SiteFixture site, Browser browser)
{
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
    public async Task AMisspeltQueryOffersTheCorrectedOneAndItFindsThePaper()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/search?q=attenton").ToString());
        var suggestion = page.Locator(".did-you-mean a");
        await Expect(suggestion).ToHaveTextAsync("attention");
        await suggestion.ClickAsync();
        await Expect(page.Locator(".search-results li").First).ToBeVisibleAsync();
        await Expect(page.Locator(".search-results")).ToContainTextAsync("Attention Is All You Need");
        await Expect(page.Locator(".did-you-mean")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
