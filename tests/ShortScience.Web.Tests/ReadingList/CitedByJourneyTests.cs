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

        // Among the paper's other citing texts (the demo's answer on generalization cites it too), the new summary.
        var entry = page.Locator("section.cited-by li", new() { Has = page.Locator("a.cited-by-paper", new() { HasTextString = "Pixel Recurrent Neural Networks" }) });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.GetByRole(AriaRole.Link, new() { Name = "cb-writer", Exact = true })).ToHaveAttributeAsync("href", "/users/cb-writer");
        await entry.GetByRole(AriaRole.Link, new() { Name = "A summary of" }).ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Cited-by journey");
        Assert.Empty(errors);
    }

    /// <summary>
    /// A summary cites a paper nobody has added: its link offers to add it, the form typed in by hand takes the key the
    /// summary cites, and once the paper is added the summary links to it and it lists the summary under "cited by".
    /// </summary>
    [Fact]
    public async Task ACitationOfAPaperNotHereYetLeadsToAddingItAndThenLinksToIt()
    {
        await site.CreateMemberAsync("cb-early");
        using (var writer = await site.ApiClientForAsync("cb-early"))
        {
            var published = await writer.PutAsJsonAsync("/api/v1/papers/1502.03167/summaries/mine",
                new PublishRequest("Early citation journey: compare \\cite{early2026journey}.", null, false, null));
            published.EnsureSuccessStatusCode();
        }

        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "cb-early");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        var citation = page.Locator(".citation a", new() { HasTextString = "early2026journey" }).First;
        await Expect(citation).ToHaveAttributeAsync("href", "/papers/add?key=early2026journey");
        await citation.ClickAsync();

        await page.Locator("a.primary", new() { HasTextString = "Add this paper" }).ClickAsync();
        var key = page.Locator("#manual-citation-key");
        await Expect(key).ToHaveValueAsync("early2026journey");
        await page.Locator("#manual-title").FillAsync("An Early Cited Paper For The Journey");
        await page.Locator("#manual-year").FillAsync("2026");
        await page.Locator("form:has(#manual-title) button[type=submit]").ClickAsync();

        // The new paper's page lists the summary that cited it before it was here.
        await Expect(page.Locator("h1")).ToContainTextAsync("An Early Cited Paper For The Journey");
        var newPage = page.Url;
        await Expect(page.Locator("section.cited-by a.cited-by-paper")).ToContainTextAsync("Batch Normalization");

        // And the summary now links to it by its title.
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        var linked = page.Locator(".citation a", new() { HasTextString = "An Early Cited Paper For The Journey" }).First;
        await Expect(linked).ToHaveAttributeAsync("href", new Uri(newPage).AbsolutePath);
        Assert.Empty(errors);
    }
}
