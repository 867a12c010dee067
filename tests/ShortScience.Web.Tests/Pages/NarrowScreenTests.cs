using System.Net.Http.Json;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// Hostile long tokens (a word with no break, a bare address) in every place people write: titles, venues, authors,
/// keywords, names, summaries, comments. No page may scroll sideways on a 320 px phone.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class NarrowScreenTests(SiteFixture site, Browser browser)
{
    static string Token(string seed, int length) => string.Concat(Enumerable.Repeat(seed, length / seed.Length + 1))[..length];

    [Fact]
    public async Task NoPageScrollsSidewaysAt320PixelsWhateverTheContent()
    {
        var user = "w" + Token("ide", 29);
        using (var http = new HttpClient { BaseAddress = site.Api.Address })
        {
            (await http.PostAsJsonAsync("/api/v1/auth/register",
                new RegisterRequest(user, $"{user}@example.org", SiteAccounts.Password, Token("Displayname", 100)))).EnsureSuccessStatusCode();
            var link = await site.MailedLinkAsync($"{user}@example.org", "/account/confirm");
            var query = new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            (await http.PostAsJsonAsync("/api/v1/auth/confirm-email", new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"]))).EnsureSuccessStatusCode();
        }
        using var writer = await site.ApiClientForAsync(user);
        var added = await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(
            "Overflow " + Token("Supercalifragilistic", 300), [Token("Authorname", 250)], Token("VENUEWITHOUTSPACES", 280), 2023,
            "A" + Token("bstractwordwithoutend", 600), Keywords: [Token("keyword", 100)])));
        var paper = (await added.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        var published = await writer.PutAsJsonAsync($"/api/v1/papers/{Uri.EscapeDataString(paper.Key)}/summaries/mine", new PublishRequest(
            $"{Token("Summaryword", 400)}\n\nhttps://example.org/{Token("path", 500)}\n\n`{Token("inlinecode", 300)}`\n\n$$\n{Token("x+", 400)}x\n$$\n\n| {Token("cell", 200)} | b |\n|---|---|\n| 1 | 2 |",
            null, false, null));
        var summaryId = (await published.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        (await writer.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(Token("Commentword", 500)))).EnsureSuccessStatusCode();

        var pages = new List<string>
        {
            "/", "/?tab=recent", $"/papers/{Uri.EscapeDataString(paper.Key)}", $"/papers/{Uri.EscapeDataString(paper.Key)}/summaries/{summaryId}",
            $"/papers/{Uri.EscapeDataString(paper.Key)}/summaries/{summaryId}/history", "/venues", $"/venues/{paper.Venue!.Slug}",
            $"/authors/{paper.Authors[0].Slug}", $"/tags/{Uri.EscapeDataString(paper.Keywords[0])}", $"/users/{user}", "/years/2023",
            $"/search?q=overflow", "/about", "/questions",
        };
        var (page, errors) = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 320, Height = 640 } });
        await site.SignInAsync(page, user);
        pages.AddRange(["/notifications", "/account/settings", $"/papers/{Uri.EscapeDataString(paper.Key)}/summarize"]);
        var wide = new List<string>();
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await Expect(page.Locator("main")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0) wide.Add($"{path} is {overflow}px too wide");
        }
        Assert.Empty(wide);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnAbstractThatFitsHasNoMoreToggleAndALongOneHas()
    {
        await site.CreateMemberAsync("narrow-adder");
        using var writer = await site.ApiClientForAsync("narrow-adder");
        async Task<string> AddAsync(string title, string @abstract) => (await (await writer.PostAsJsonAsync("/api/v1/papers",
            new AddPaperRequest(Manual: new ManualPaper(title, ["Some Author"], Year: 2022, Abstract: @abstract)))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var oneLine = await AddAsync("A paper with a one-line abstract", "We show one thing, briefly.");
        var fourLines = await AddAsync("A paper with a middling abstract", string.Join(' ', Enumerable.Repeat("This sentence is part of an abstract of middling length.", 3)));
        var long_ = await AddAsync("A paper with a long abstract", string.Join(' ', Enumerable.Repeat("This sentence is part of a long abstract that goes on.", 30)));

        var (page, errors) = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{oneLine}").ToString());
        await Expect(page.Locator(".abstract p")).ToContainTextAsync("briefly");
        await Expect(page.Locator(".abstract .more-label")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{fourLines}").ToString());
        await Expect(page.Locator(".abstract")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfits\b"));
        await Expect(page.Locator(".abstract .more-label")).ToBeHiddenAsync();

        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{long_}").ToString());
        await Expect(page.Locator(".abstract .more-label")).ToBeVisibleAsync();
        await page.Locator(".abstract .more-label").ClickAsync();
        Assert.True(await page.Locator(".abstract .clamped").EvaluateAsync<bool>("el => el.scrollHeight <= el.clientHeight + 1"));
        Assert.Empty(errors);
    }
}
