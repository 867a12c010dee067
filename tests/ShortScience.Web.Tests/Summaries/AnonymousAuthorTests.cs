using System.Net.Http.Json;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Summaries;

[Collection(SummariesSiteCollection.Name)]
public sealed class AnonymousAuthorTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task TheAuthorOfAnAnonymousSummaryIsToldHowReadersSeeItAndTheirProfileCountsIt()
    {
        await site.CreateMemberAsync("anon-writer");
        using (var api = await site.ApiClientForAsync("anon-writer"))
        {
            (await api.PutAsJsonAsync("/api/v1/papers/1505.05424/summaries/mine", new PublishRequest("Weights get distributions.", null, true, null))).EnsureSuccessStatusCode();
            (await api.PutAsJsonAsync("/api/v1/papers/1606.03498/summaries/mine", new PublishRequest("Better GAN training tricks.", null, false, null))).EnsureSuccessStatusCode();
        }
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "anon-writer");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1505.05424").ToString());
        var mine = page.Locator(".summary", new() { HasTextString = "Weights get distributions" });
        await Expect(mine.Locator(".anonymous-badge")).ToContainTextAsync("readers see “an anonymous reader”");

        await page.GotoAsync(new Uri(site.WebUrl, "/users/anon-writer").ToString());
        await Expect(page.Locator(".stats dd").First).ToHaveTextAsync("2");
        await Expect(page.Locator(".anonymous-note")).ToContainTextAsync("Others see 1");
        await Expect(page.Locator(".anonymous-badge")).ToHaveCountAsync(1);

        // A reader sees one summary on the profile, and no badge anywhere.
        var (reader, readerErrors) = await browser.NewPageAsync();
        await reader.GotoAsync(new Uri(site.WebUrl, "/users/anon-writer").ToString());
        await Expect(reader.Locator(".stats dd").First).ToHaveTextAsync("1");
        await Expect(reader.Locator(".anonymous-note")).ToHaveCountAsync(0);
        await reader.GotoAsync(new Uri(site.WebUrl, "/papers/1505.05424").ToString());
        await Expect(reader.Locator(".summary", new() { HasTextString = "Weights get distributions" })).ToContainTextAsync("an anonymous reader");
        await Expect(reader.Locator(".anonymous-badge")).ToHaveCountAsync(0);
        Assert.Empty(errors);
        Assert.Empty(readerErrors);
    }
}
