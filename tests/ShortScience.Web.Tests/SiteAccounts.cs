using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests;

/// <summary>Accounts for browser tests: made through the real API (and its emailed link), signed in through the page.</summary>
public static partial class SiteAccounts
{
    public const string Password = "a long and private passphrase";

    public static async Task CreateMemberAsync(this SiteFixture site, string name)
    {
        using var http = new HttpClient { BaseAddress = site.Api.Address };
        (await http.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(name, $"{name}@example.org", Password, name))).EnsureSuccessStatusCode();
        var link = await site.MailedLinkAsync($"{name}@example.org", "/account/confirm");
        var query = new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        (await http.PostAsJsonAsync("/api/v1/auth/confirm-email", new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"]))).EnsureSuccessStatusCode();
    }

    /// <summary>A member's API client, for arranging content the way another person would have made it.</summary>
    public static async Task<HttpClient> ApiClientForAsync(this SiteFixture site, string name)
    {
        var http = new HttpClient { BaseAddress = site.Api.Address };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, Password));
        login.EnsureSuccessStatusCode();
        var tokens = await login.Content.ReadFromJsonAsync<TokenResponse>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return http;
    }

    public static async Task MakeModeratorAsync(this SiteFixture site, string name)
    {
        await using var scope = site.Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ShortScience.Data.Entities.User>>();
        var user = await users.FindByNameAsync(name);
        await users.AddToRoleAsync(user!, "moderator");
    }

    public static async Task SignInAsync(this SiteFixture site, IPage page, string name)
    {
        await page.GotoAsync(new Uri(site.WebUrl, "/account/login").ToString());
        await page.GetByLabel("User name or email").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".site-header .me")).ToBeVisibleAsync();
    }

    /// <summary>The first link to <paramref name="path"/> in the newest mail to <paramref name="email"/>.</summary>
    public static async Task<string> MailedLinkAsync(this SiteFixture site, string email, string path)
    {
        var pattern = new Regex(@"http://site\.test" + Regex.Escape(path) + @"\S*");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var file in Directory.GetFiles(site.MailFolder, "*.eml").OrderDescending())
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase) && pattern.Match(text) is { Success: true } m) return m.Value;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"No mail to {email} with a link to {path}");
    }
}
