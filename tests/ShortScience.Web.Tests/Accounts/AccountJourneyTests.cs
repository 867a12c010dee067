using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Accounts;

[Collection(SummariesSiteCollection.Name)]
public sealed partial class AccountJourneyTests(SiteFixture site, Browser browser)
{
    /// <summary>
    /// Signed in without "keep me signed in" (a shared computer), the cookie ends with the browser; changing the
    /// password re-issues it, and it must still end with the browser, not last thirty days.
    /// </summary>
    [Fact]
    public async Task ChangingThePasswordKeepsASessionCookieASessionCookie()
    {
        await site.CreateMemberAsync("shared-pc");
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/login").ToString());
        await page.GetByLabel("User name or email").FillAsync("shared-pc");
        await page.GetByLabel("Password").FillAsync(SiteAccounts.Password);
        await page.GetByLabel("Keep me signed in on this device").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".site-header .me")).ToBeVisibleAsync();
        async Task<Microsoft.Playwright.BrowserContextCookiesResult> SessionCookieAsync() =>
            (await page.Context.CookiesAsync()).Single(c => c.Name.EndsWith("shortscience", StringComparison.Ordinal));
        Assert.Equal(-1, (await SessionCookieAsync()).Expires); // a session cookie

        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await page.GetByLabel("Current password").FillAsync(SiteAccounts.Password);
        await page.GetByLabel("New password").FillAsync("a different long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator(".form-success")).ToContainTextAsync("Password changed");
        await Expect(page.Locator(".site-header .me")).ToBeVisibleAsync();
        Assert.Equal(-1, (await SessionCookieAsync()).Expires);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task APersonSignsUpConfirmsTheEmailLinkSignsInEditsTheProfileAndSignsOut()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();

        await page.GetByLabel("User name").FillAsync("hopper");
        await page.GetByLabel("Name shown with your summaries").FillAsync("Grace Hopper");
        await page.GetByLabel("Email").FillAsync("hopper@example.org");
        await page.GetByLabel("Password").FillAsync("nanoseconds are a foot long");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("hopper@example.org");

        // The link in the mail, as the person would open it, on this site.
        var link = await ConfirmationLinkAsync("hopper@example.org");
        await page.GotoAsync(link.Replace("http://site.test/", site.WebUrl.ToString()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email is confirmed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await page.GetByLabel("User name or email").FillAsync("hopper");
        await page.GetByLabel("Password").FillAsync("nanoseconds are a foot long");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".site-header .me")).ToHaveTextAsync("Grace Hopper");

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Affiliation").FillAsync("Yale");
        await page.GetByLabel("Display name").FillAsync("Rear Admiral Grace Hopper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByText("Profile saved.")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/users/hopper").ToString());
        await Expect(page.Locator(".profile .byline")).ToContainTextAsync("Yale");
        // The header says the new name from the next page on, and the session goes on.
        await Expect(page.Locator(".site-header .me")).ToHaveTextAsync("Rear Admiral Grace Hopper");
        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Rear Admiral Grace Hopper");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // Signed out means signed out: the settings page now asks to sign in.
        await page.GotoAsync(new Uri(site.WebUrl, "/account/settings").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AWrongPasswordIsExplainedAndTheFormKeepsTheName()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/login").ToString());

        await page.GetByLabel("User name or email").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync("certainly not her password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("user name or password is wrong");
        await Expect(page.GetByLabel("User name or email")).ToHaveValueAsync("ada");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ACommonPasswordIsRefusedWithTheReasonNextToTheField()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/register").ToString());

        await page.GetByLabel("User name").FillAsync("weakling");
        await page.GetByLabel("Email").FillAsync("weakling@example.org");
        await page.GetByLabel("Password").FillAsync("iloveyou");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.Locator("#password-error")).ToContainTextAsync("most common passwords");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("weakling");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RegistrationNamesEveryProblemAtOnce()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/register").ToString());

        await page.GetByLabel("User name").FillAsync("x");
        await page.GetByLabel("Email").FillAsync("someone@localhost");
        await page.GetByLabel("Password").FillAsync("iloveyou");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.Locator("#password-error")).ToContainTextAsync("most common passwords");
        await Expect(page.Locator("#userName-error")).ToContainTextAsync("3 to 30 characters");
        await Expect(page.Locator("#email-error")).ToContainTextAsync("valid email");
        Assert.Empty(errors);
    }

    async Task<string> ConfirmationLinkAsync(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var file in Directory.GetFiles(site.MailFolder, "*.eml"))
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase)) return LinkPattern().Match(text).Value;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"No mail to {email}");
    }

    [GeneratedRegex(@"http://site\.test/account/confirm\S+")]
    private static partial Regex LinkPattern();
}
