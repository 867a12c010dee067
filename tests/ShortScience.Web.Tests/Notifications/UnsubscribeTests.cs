extern alias api;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;
using DigestMailer = api::ShortScience.Api.Notifications.DigestMailer;

namespace ShortScience.Web.Tests.Notifications;

[Collection(CommentsSiteCollection.Name)]
public sealed class UnsubscribeTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task TheMailedUnsubscribeLinkOpensAPageThatStopsTheEmailsAndOffersToUndo()
    {
        await site.CreateMemberAsync("u-author");
        await site.CreateMemberAsync("u-fan");
        using var author = await site.ApiClientForAsync("u-author");
        var published = await author.PutAsJsonAsync("/api/v1/papers/1701.07875/summaries/mine", new PublishRequest("Earth mover's distance as a loss.", null, false, null));
        var summaryId = (await published.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        using (var fan = await site.ApiClientForAsync("u-fan"))
        {
            (await fan.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("Clear, thanks"))).EnsureSuccessStatusCode();
        }
        await site.Api.Services.GetRequiredService<DigestMailer>().SendDigestsAsync(CancellationToken.None);
        var link = await site.MailedLinkAsync("u-author@example.org", "/unsubscribe/");

        var (page, errors) = await browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(site.WebUrl, new Uri(link).PathAndQuery).ToString());
        Assert.Equal(200, response!.Status);
        // Opening the link changes nothing (mail scanners open links); the button does.
        Assert.True((await author.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are unsubscribed");
        Assert.False((await author.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo: send me these emails again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("back on");
        Assert.True((await author.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);
        Assert.Empty(errors);

        using var http = new HttpClient { BaseAddress = site.WebUrl };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/unsubscribe/not-a-real-token")).StatusCode);
    }
}
