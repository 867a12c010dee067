using System.Net.Http.Json;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// Every keyword a paper is given becomes a tag whose link, as the browser resolves it, leads to that tag's page
/// listing the paper: keywords with a slash, a question mark, a percent sign, a download's ending or dots alone.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class TagLinksTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task EveryTagLinkOnAPaperLeadsToItsTagsPageListingThePaper()
    {
        const string title = "Tags that keep their addresses";
        await site.CreateMemberAsync("tag-links");
        using var writer = await site.ApiClientForAsync("tag-links");
        var paper = (await (await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(title, ["Some Author"], Year: 2024,
            Keywords: ["machine/learning", "a?b#c", "%41", "C++", "schema.json", "refs.BIB", "..", "."])))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;

        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{paper.Key}").ToString());
        // The addresses as the browser resolves them (where "/tags/.." would already be the home page).
        var links = await page.EvaluateAsync<string[]>("() => [...new Set([...document.querySelectorAll(\"a[href^='/tags/']\")].map(a => a.href))]");
        Assert.Equal(6, links.Length);
        foreach (var link in links)
        {
            var response = await page.GotoAsync(link);
            Assert.True(response!.Ok, $"{link} answered {response.Status}");
            Assert.StartsWith("text/html", response.Headers["content-type"]);
            await Expect(page.Locator("h1")).ToContainTextAsync("Tagged");
            await Expect(page.Locator("main")).ToContainTextAsync(title);
        }
        Assert.Empty(errors);
    }
}
