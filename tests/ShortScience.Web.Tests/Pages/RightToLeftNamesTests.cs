using System.Net.Http.Json;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// A member whose name is written right to left (Hebrew here) keeps the lines that name them in order: the date after
/// the name on a paper page stays after it, rather than its day joining the name's run and showing before it.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class RightToLeftNamesTests(SiteFixture site, Browser browser)
{
    const string Name = "\u05E9\u05E8\u05D4 \u05DC\u05D5\u05D9"; // Sarah Levi, in Hebrew letters

    [Fact]
    public async Task TheDateAfterARightToLeftNameStaysAfterIt()
    {
        await site.CreateMemberAsync("rtl-writer");
        await site.CreateMemberAsync("rtl-commenter");
        using var writer = await site.ApiClientForAsync("rtl-writer");
        using var commenter = await site.ApiClientForAsync("rtl-commenter");
        foreach (var client in new[] { writer, commenter })
        {
            (await client.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate(Name, null, null, false))).EnsureSuccessStatusCode();
        }
        var paper = (await (await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(
            "Reading right to left", ["Some Author"], Year: 2024)))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        var summary = (await (await writer.PutAsJsonAsync($"/api/v1/papers/{paper.Key}/summaries/mine", new PublishRequest("A summary.", null, false, null)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PublishedRevision>())!;
        (await commenter.PostAsJsonAsync($"/api/v1/summaries/{summary.SummaryId}/comments", new CommentRequest("A comment."))).EnsureSuccessStatusCode();

        var (page, errors) = await browser.NewPageAsync();
        foreach (var path in new[] { $"/papers/{paper.Key}", $"/papers/{paper.Key}/summaries/{summary.SummaryId}" })
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            var names = page.Locator("a[href^='/users/rtl-']");
            await Expect(names.First).ToHaveTextAsync(Name);
            // For each name followed on its line by a date ("6 Dec 2026"): where the date's first digit is drawn.
            var result = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
                () => {
                    const pairs = [...document.querySelectorAll("a[href^='/users/rtl-']")].flatMap(name => {
                        const line = name.closest('header, p');
                        const time = line && [...line.querySelectorAll('time')].find(t => name.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
                        if (!time) return [];
                        const day = document.createRange();
                        day.setStart(time.firstChild, 0);
                        day.setEnd(time.firstChild, 1);
                        return [{ href: name.getAttribute('href'), digit: day.getBoundingClientRect().left, end: name.getBoundingClientRect().right }];
                    });
                    return { checked: pairs.length, misplaced: pairs.filter(p => p.digit < p.end - 0.5).map(p => `${p.href}: day at ${p.digit}px, name ends at ${p.end}px`) };
                }
                """);
            Assert.True(result.GetProperty("checked").GetInt32() > 0, $"{path}: no date after a name to check");
            var misplaced = result.GetProperty("misplaced").EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.True(misplaced.Count == 0, $"{path}: {string.Join("; ", misplaced)}");
        }
        Assert.Empty(errors);
    }
}
