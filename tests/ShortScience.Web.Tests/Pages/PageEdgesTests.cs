using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Pages;

/// <summary>Rough edges of the reading pages: the help page, print, and table headers on a wide screen.</summary>
[Collection(SiteCollection.Name)]
public sealed class PageEdgesTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task TheFooterLeadsToAHelpPageOnWritingMarkdownAndLatex()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(site.WebUrl.ToString());
        await page.Locator(".site-footer").GetByRole(AriaRole.Link, new() { Name = "About and writing help" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About ShortScience", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/about", page.Url);

        foreach (var section in new[] { "Math", "Citing papers", "Figures", "Tables", "Code" })
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true, Level = 2 })).ToBeVisibleAsync();
        }
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("$p(x \\mid z)$", text);
        Assert.Contains("\\[ … \\]", text);
        Assert.Contains("\\cite{1706.03762}", text);
        Assert.Contains("![Figure 2", text);
        Assert.Contains("```python", text);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ASignedOutReaderSeesWhatTheVoteNumberIs()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        var votes = page.Locator(".summary .votes").First;
        await Expect(votes).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+\s*points?$"));
        await Expect(votes.Locator("button")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheSearchYearInputsAreStyledLikeTheOtherFields()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/search?q=attention").ToString());
        foreach (var name in new[] { "from", "to" })
        {
            var style = await page.Locator($"input[name={name}]").EvaluateAsync<string[]>(
                "el => { const s = getComputedStyle(el), b = getComputedStyle(document.body); return [s.fontFamily === b.fontFamily ? 'site font' : s.fontFamily, s.borderTopLeftRadius]; }");
            Assert.Equal(["site font", "6px"], style);
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task VenueColumnHeadersAndKindsNeverBreakInsideAWordOnAWideScreen()
    {
        var (page, errors) = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(site.WebUrl, "/venues").ToString());
        await Expect(page.Locator("table.venues tbody tr").First).ToBeVisibleAsync();

        // A single word laid out on one line has one client rectangle; a word broken across lines has several.
        var broken = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('table.venues th, table.venues td.kind, table.venues td.num')]
            .flatMap(cell => cell.textContent.trim().split(/\s+/).length === 1
                ? [[cell.textContent.trim(), (() => { const r = document.createRange(); r.selectNodeContents(cell); return r.getClientRects().length; })()]]
                : [])
            .filter(([, lines]) => lines > 1).map(([word, lines]) => word + ' on ' + lines + ' lines')");
        Assert.Empty(broken);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task APrintedPaperPageHasTheWholeAbstractEverySummaryAndLinksAsAddresses()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        await Expect(page.Locator(".abstract .clamped")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var abstractText = page.Locator(".abstract .clamped");
        Assert.True(await abstractText.EvaluateAsync<bool>("el => el.scrollHeight <= el.clientHeight + 1"), "the printed abstract is cut");
        await Expect(page.Locator(".abstract .more-label")).ToBeHiddenAsync();
        var summaries = page.Locator(".summaries > .summary");
        Assert.True(await summaries.CountAsync() >= 1);
        foreach (var summary in await summaries.AllAsync()) await Expect(summary).ToBeVisibleAsync();

        var arxiv = page.Locator(".links a[href='https://arxiv.org/abs/1706.03762']");
        // Printed, a link is followed by its address (Chromium reports the rule's attr(href) or the address itself).
        var after = await arxiv.EvaluateAsync<string>("a => getComputedStyle(a, '::after').content");
        Assert.True(after.Contains("https://arxiv.org/abs/1706.03762") || after.Contains("attr(href)"), after);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        Assert.Equal("none", await arxiv.EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"));
        Assert.Empty(errors);
    }
}
