using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Browse;

[Collection(BrowseCollection.Name)]
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
        await Expect(page.Locator(".needs-summary")).ToContainTextAsync(BrowseSite.WaitingTitle);
        Assert.Equal($"/papers/{BrowseSite.WaitingKey}/summarize",
            await page.Locator(".needs li", new() { HasTextString = BrowseSite.WaitingTitle }).GetByRole(AriaRole.Link, new() { Name = "Summarize" }).GetAttributeAsync("href"));

        await cards.First.Locator("h3 a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/papers/1706\\.03762$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Attention Is All You Need");
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
