using System.Net.Http.Json;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.ReadingList;

// Publishes: runs on the writing site, away from the reading tests.
[Collection(SummariesSiteCollection.Name)]
public sealed class CitedByJourneyTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task ASummaryThatCitesAPaperAppearsUnderCitedByOnThatPaper()
    {
        await site.CreateMemberAsync("cb-writer");
        // A reader has the cited paper's page in the cache before the citing summary exists.
        using var reader = new HttpClient { BaseAddress = site.WebUrl };
        const string CitedByPixelRnn = "class=\"cited-by-paper\">Pixel Recurrent Neural Networks</a>";
        for (var i = 0; i < 2; i++)
            Assert.DoesNotContain(CitedByPixelRnn, await reader.GetStringAsync("/papers/1502.03167"));
        using (var writer = await site.ApiClientForAsync("cb-writer"))
        {
            var published = await writer.PutAsJsonAsync("/api/v1/papers/1601.06759/summaries/mine",
                new PublishRequest("Cited-by journey: the model is trained with batch normalization \\cite{1502.03167}.", null, false, null));
            published.EnsureSuccessStatusCode();
        }
        // The publish evicts the cited paper's cached page: readers see "cited by" as soon as the Web host hears of
        // the write (its long poll; seconds at most on a busy machine), not when the cached page would have expired.
        Assert.True(await Caching.PreciseEvictionTests.EventuallyContainsAsync(reader, "/papers/1502.03167", CitedByPixelRnn, seconds: 10),
            "the cited paper's page does not list the new citing summary");

        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "cb-writer");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1601.06759").ToString());
        var citation = page.Locator(".citation a", new() { HasTextString = "Batch Normalization" }).First;
        await Expect(citation).ToHaveAttributeAsync("href", "/papers/1502.03167");
        await citation.ClickAsync();

        var citedBy = page.Locator("section.cited-by");
        await Expect(citedBy.Locator("a.cited-by-paper")).ToHaveTextAsync("Pixel Recurrent Neural Networks");
        await citedBy.GetByRole(AriaRole.Link, new() { Name = "A summary of" }).ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Cited-by journey");
        Assert.Empty(errors);
    }
}
