using System.Net.Http.Json;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Follows;

// Follows and publishes: runs on the writing site, away from the reading tests.
[Collection(SummariesSiteCollection.Name)]
public sealed class FollowsJourneyTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task AReaderFollowsAVenueAndFindsItsNewSummaryOnTheTimelineAndInTheirPrivateFeed()
    {
        await site.CreateMemberAsync("f-reader");
        await site.CreateMemberAsync("f-writer");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "f-reader");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        // The paper's summaries feed is announced first; its questions feed follows.
        await Expect(page.Locator("head link[rel=alternate][type='application/atom+xml']")).ToHaveCountAsync(2);
        await Expect(page.Locator("head link[rel=alternate][type='application/atom+xml']").First).ToHaveAttributeAsync("href", "/feeds/papers/1502.03167.atom");
        await Expect(page.Locator(".feed-links a", new() { HasTextString = "RSS" }).First).ToHaveAttributeAsync("href", "/feeds/papers/1502.03167.rss");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow ICML" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("You follow ICML");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Following ICML" })).ToHaveAttributeAsync("aria-pressed", "true");

        // Someone else summarizes another ICML paper.
        using (var writer = await site.ApiClientForAsync("f-writer"))
        {
            var published = await writer.PutAsJsonAsync("/api/v1/papers/1601.06759/summaries/mine",
                new PublishRequest("Feeds journey: pixels are generated **one at a time**, each conditioned on those before, $p(x)=\\prod_i p(x_i \\mid x_{<i})$.", null, false, null));
            published.EnsureSuccessStatusCode();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Following", Exact = true }).ClickAsync();
        var teaser = page.Locator(".teaser", new() { HasTextString = "Feeds journey" });
        await Expect(teaser).ToContainTextAsync("Pixel Recurrent Neural Networks");
        await Expect(teaser).ToContainTextAsync("f-writer");

        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await Expect(page.Locator(".follows")).ToContainTextAsync("ICML");
        var rss = await page.Locator("#private-feed-rss").InputValueAsync();
        // The feed's links name the public site; fetch it through this test's Web origin, as a reader would.
        var path = new Uri(rss).PathAndQuery;
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var feed = await http.GetStringAsync(path);
        Assert.Contains("Pixel Recurrent Neural Networks — summary by f-writer", feed);
        Assert.Contains("<math", System.Net.WebUtility.HtmlDecode(feed));

        await page.GetByRole(AriaRole.Button, new() { Name = "New address" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("new address");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
        Assert.Empty(errors);
    }
}

[Collection(SiteCollection.Name)]
public sealed class FeedDiscoveryTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task SignedOutVisitorsSeeFeedsAndAWayToSignInToFollow()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(site.WebUrl.ToString());
        await Expect(page.Locator("head link[rel=alternate][type='application/rss+xml']").First).ToHaveAttributeAsync("href", "/feeds/summaries.rss");

        await page.GotoAsync(new Uri(site.WebUrl, "/users/ada").ToString());
        await Expect(page.Locator("head link[rel=alternate][type='application/rss+xml']")).ToHaveAttributeAsync("href", "/feeds/users/ada.rss");
        await Expect(page.Locator("a.follow-button")).ToContainTextAsync("Sign in to follow");

        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var response = await http.GetAsync("/feeds/users/ada.atom");
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<feed", await response.Content.ReadAsStringAsync());
        Assert.Empty(errors);
    }
}
