using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.ReadingList;

// Saving changes a person's own data only: runs on the writing site, away from the reading tests.
[Collection(SummariesSiteCollection.Name)]
public sealed class ReadingListJourneyTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task AReaderSavesAPaperForLaterNotesItAndExportsTheListAsBibtex()
    {
        await site.CreateMemberAsync("rl-reader");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "rl-reader");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        var title = await page.Locator("h1").First.InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save for later" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Saved to your reading list");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Saved for later" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reading list", Exact = true }).ClickAsync();
        var item = page.Locator(".reading-list-item", new() { HasTextString = title });
        await Expect(item).ToBeVisibleAsync();
        await item.GetByLabel("Your note").FillAsync("Compare with layer norm");
        await item.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Your note is saved");
        await Expect(page.Locator(".reading-list-item textarea")).ToHaveValueAsync("Compare with layer norm");

        // The BibTeX export, downloaded with the reader's own cookies (the API test reads it back with the BibTeX parser).
        var bib = await page.APIRequest.GetAsync(new Uri(site.WebUrl, "/reading-list.bib").ToString());
        Assert.Equal(200, bib.Status);
        Assert.StartsWith("application/x-bibtex", bib.Headers["content-type"]);
        var text = await bib.TextAsync();
        Assert.Single(Regex.Matches(text, @"^@\w+\{", RegexOptions.Multiline));
        Assert.Contains("1502.03167", text);

        // Nobody else sees it: signed out, the list asks for a sign-in.
        var (stranger, _) = await browser.NewPageAsync();
        await stranger.GotoAsync(new Uri(site.WebUrl, "/reading-list").ToString());
        await Expect(stranger).ToHaveURLAsync(new Regex("/account/login"));

        await item.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Removed from your reading list");
        await Expect(page.Locator(".reading-list-item")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    /// <summary>A reading list's private feed address that leaked is replaced from the page; the old one stops answering.</summary>
    [Fact]
    public async Task AReaderReplacesTheirReadingListFeedsAddress()
    {
        await site.CreateMemberAsync("rl-feed-reader");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "rl-feed-reader");
        await page.GotoAsync(new Uri(site.WebUrl, "/reading-list").ToString());
        var old = await page.Locator("a.private-feed").GetAttributeAsync("href");
        Assert.NotNull(old);
        Assert.Equal(200, (await page.APIRequest.GetAsync(new Uri(site.WebUrl, new Uri(old).PathAndQuery).ToString())).Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "New feed address" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("a new address");
        var fresh = await page.Locator("a.private-feed").GetAttributeAsync("href");
        Assert.NotEqual(old, fresh);
        Assert.Equal(404, (await page.APIRequest.GetAsync(new Uri(site.WebUrl, new Uri(old).PathAndQuery).ToString())).Status);
        Assert.Equal(200, (await page.APIRequest.GetAsync(new Uri(site.WebUrl, new Uri(fresh!).PathAndQuery).ToString())).Status);
        Assert.Empty(errors);
    }
}
