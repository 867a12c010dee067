using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShortScience.Contracts;
using ShortScience.Web.Components.Pages.Accounts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Accounts;

/// <summary>
/// The editor's live session refreshes tokens without a page load; the API spends each refresh token once, so the
/// cookie must follow or the next page would sign the person out.
/// </summary>
[Collection(SummariesSiteCollection.Name)]
public sealed class SessionRenewalTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task ARenewalHandedToThePageMovesTheCookieToTheNewTokens()
    {
        await site.CreateMemberAsync("renewer");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "renewer");

        // A second session's tokens stand for the pair a live circuit would get from a refresh.
        using var api = new HttpClient { BaseAddress = site.Api.Address };
        var tokens = (await (await api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("renewer", SiteAccounts.Password)))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var me = (await api.GetFromJsonAsync<Me>("/api/v1/me"))!;
        var renewal = SessionRenewal.Protect(site.Web.Services.GetRequiredService<IDataProtectionProvider>(), me.Id.ToString(), tokens,
            DateTimeOffset.UtcNow);

        // The page's script defines the renewal call once it has loaded (after sign-in's redirect, on a busy machine later).
        await page.WaitForFunctionAsync("() => typeof window.shortScienceRenewSession === 'function'");
        Assert.True(await page.EvaluateAsync<bool>("r => shortScienceRenewSession(r)", renewal));

        // The cookie now carries the second session: ending it ends the browser's session too.
        (await api.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AForgedOrForeignRenewalIsRefusedAndTheSessionStays()
    {
        await site.CreateMemberAsync("holder");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "holder");
        var foreign = SessionRenewal.Protect(site.Web.Services.GetRequiredService<IDataProtectionProvider>(), Guid.NewGuid().ToString(),
            new TokenResponse("Bearer", "access", 3600, "refresh"), DateTimeOffset.UtcNow);

        // The page's script defines the renewal call once it has loaded (after sign-in's redirect, on a busy machine later).
        await page.WaitForFunctionAsync("() => typeof window.shortScienceRenewSession === 'function'");
        Assert.False(await page.EvaluateAsync<bool>("() => shortScienceRenewSession('not a renewal')"));
        Assert.False(await page.EvaluateAsync<bool>("r => shortScienceRenewSession(r)", foreign));

        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await Expect(page.GetByLabel("Affiliation")).ToBeVisibleAsync();
        Assert.DoesNotContain(errors, e => !e.Contains("/account/session", StringComparison.Ordinal) && !e.Contains("400", StringComparison.Ordinal));
    }
}
