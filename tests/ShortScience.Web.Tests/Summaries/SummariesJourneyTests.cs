using System.Net.Http.Json;
using System.Text;
using ShortScience.Contracts;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Summaries;

[Collection(SummariesSiteCollection.Name)]
public sealed class SummariesJourneyTests(SiteFixture site, Browser browser)
{
    /// <summary>The editor is an interactive island: it appears once the circuit is connected, then typing counts.</summary>
    internal static async Task<ILocator> OpenEditorAsync(IPage page)
    {
        await Expect(page.Locator(".editor[data-ready]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page.GetByLabel("Markdown and LaTeX");
    }

    [Fact]
    public async Task AMemberWritesWithMathSeesThePreviewPublishesEditsComparesAndRestores()
    {
        await site.CreateMemberAsync("writer1");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "writer1");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1409.3215").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Summarize this paper" }).ClickAsync();
        var source = await OpenEditorAsync(page);
        await source.FillAsync("## Idea\n\nThe encoder reads $x_1, \\dots, x_T$ into a vector:\n\n$$h_T = f(x_T, h_{T-1})$$\n\nIt works *well*.");

        var preview = page.Locator(".preview");
        await Expect(preview.Locator("h2")).ToHaveTextAsync("Idea");
        await Expect(preview.Locator("em")).ToHaveTextAsync("well");
        await Expect(preview.Locator(".katex").First).ToBeVisibleAsync();
        await Expect(preview.Locator("math").First).ToBeAttachedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/papers/1409\.3215/summaries/\d+$"));
        await Expect(page.Locator(".prose em")).ToHaveTextAsync("well");
        await Expect(page.Locator(".prose .katex").First).ToBeVisibleAsync();
        var summaryUrl = page.Url;

        // Edit: the published text comes back in the editor; change a word and say why.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        source = await OpenEditorAsync(page);
        await Expect(source).ToHaveValueAsync(new Regex("It works \\*well\\*"));
        await source.FillAsync((await source.InputValueAsync()).Replace("*well*", "*remarkably well*"));
        await page.GetByLabel("What did you change?").FillAsync("Stronger claim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Expect(page.Locator(".prose em")).ToHaveTextAsync("remarkably well");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("table.revisions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.revisions")).ToContainTextAsync("Stronger claim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare selected revisions" }).ClickAsync();
        await Expect(page.Locator(".diff-line ins")).ToContainTextAsync("remarkably");

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revision 1 restored as revision 3");
        // The restore is said once, and each revision says when to the minute (two edits of one day told apart).
        var newest = page.Locator("table.revisions tbody tr").First;
        await Expect(newest.Locator("td").Nth(3)).ToHaveTextAsync("Restored revision 1.");
        await Expect(newest.Locator("time")).ToHaveTextAsync(new Regex(@"^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$"));
        await page.GotoAsync(summaryUrl);
        await Expect(page.Locator(".prose em")).ToHaveTextAsync("well");
        Assert.Empty(errors);
    }

    /// <summary>
    /// A long summary (here ~26,000 characters of Chinese, ~150 KB as the circuit sends it) is published whole: the
    /// editor's connection used to drop every message over 32 KB, and publishing then sent the last text that fit.
    /// </summary>
    [Fact]
    public async Task ALongSummaryIsPublishedWholeFromTheEditor()
    {
        await site.CreateMemberAsync("longwriter1");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "longwriter1");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1409.0473/summarize").ToString());
        var source = await OpenEditorAsync(page);
        var text = string.Join("\n\n", Enumerable.Range(1, 1000).Select(i => $"第{i}段：注意力机制让解码器对齐源句。end-{i}"));
        Assert.True(text.Length > 20_000, text.Length.ToString());
        await source.FillAsync(text);
        await Expect(page.Locator(".preview")).ToContainTextAsync("end-1000", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/papers/1409\.0473/summaries/\d+$"), new() { Timeout = 30_000 });
        await Expect(page.Locator(".prose")).ToContainTextAsync("end-1000");
        await Expect(page.Locator(".prose p")).ToHaveCountAsync(1000);
        Assert.Empty(errors);
    }

    /// <summary>
    /// The browser fires an 'input' event per keystroke (and per line when text is inserted line by line), and each
    /// used to carry the whole text to the server: ~2,500 messages of ~90 KB for the long summary above, which kept
    /// the site busy for seconds after the typing stopped. The editor now sends the text once per pause, and
    /// the preview still ends with the last line.
    /// </summary>
    [Fact]
    public async Task ALongTextTypedLineByLineReachesTheServerInAFewMessages()
    {
        await site.CreateMemberAsync("linewriter1");
        var (page, errors) = await browser.NewPageAsync();
        var inputs = 0;
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            var payload = frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : frame.Text ?? "";
            if (payload.Contains("line-1.", StringComparison.Ordinal)) Interlocked.Increment(ref inputs); // the text, on its way up
        };
        await site.SignInAsync(page, "linewriter1");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1606.03498/summarize").ToString());
        var source = await OpenEditorAsync(page);
        var text = string.Join("\n", Enumerable.Range(1, 400).Select(i => $"Line {i} of a long summary, line-{i}."));
        await source.FillAsync(text); // Chromium inserts it line by line: ~800 input events

        await Expect(page.Locator(".preview")).ToContainTextAsync("line-400.", new() { Timeout = 30_000 });
        Assert.InRange(Volatile.Read(ref inputs), 1, 40); // 2 here; one per line was 799
        Assert.Empty(errors);
    }

    /// <summary>
    /// Keystrokes held back to be sent together are sent before anything the writer does next: publishing straight
    /// after typing publishes the last letters too.
    /// </summary>
    [Fact]
    public async Task PublishingStraightAfterTypingPublishesTheLastKeystrokes()
    {
        await site.CreateMemberAsync("quickwriter1");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "quickwriter1");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1601.06759/summarize").ToString());
        var source = await OpenEditorAsync(page);
        await source.FillAsync("Pixel by pixel, the model predicts");
        await Expect(page.Locator(".preview")).ToContainTextAsync("predicts");

        await source.PressSequentiallyAsync(" the next one.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/papers/1601\.06759/summaries/\d+$"));
        await Expect(page.Locator(".prose")).ToHaveTextAsync("Pixel by pixel, the model predicts the next one.");
        Assert.Empty(errors);
    }

    /// <summary>
    /// The history page was opened at revision 2; another tab then published revision 3. Restoring revision 1 from the
    /// page must not silently replace revision 3, which the person never saw: it is a conflict, and nothing changes.
    /// </summary>
    [Fact]
    public async Task RestoringFromAHistoryPageThatIsBehindIsAConflict()
    {
        await site.CreateMemberAsync("restorer1");
        using var api = await site.ApiClientForAsync("restorer1");
        async Task<PublishedRevision> PublishAsync(string text, int? baseRevision) =>
            (await (await api.PutAsJsonAsync("/api/v1/papers/1312.6114/summaries/mine", new PublishRequest(text, baseRevision, false, null)))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PublishedRevision>())!;
        var first = await PublishAsync("The first take.", null);
        await PublishAsync("The second take.", 1);

        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "restorer1");
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/1312.6114/summaries/{first.SummaryId}/history").ToString());
        await Expect(page.Locator("table.revisions tbody tr")).ToHaveCountAsync(2);
        await PublishAsync("The third take, written in another tab.", 2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.Locator("table.revisions tbody tr")).ToHaveCountAsync(3); // nothing restored over revision 3
        var current = await api.GetFromJsonAsync<SummaryView>($"/api/v1/summaries/{first.SummaryId}");
        Assert.Contains("third take", current!.Html);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ADraftSavesItselfAndComesBackAfterTheTabIsClosed()
    {
        await site.CreateMemberAsync("drafter1");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "drafter1");

        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1506.02025/summarize").ToString());
        var source = await OpenEditorAsync(page);
        await source.FillAsync("Unfinished thoughts about $\\theta$ and sampling grids.");
        await Expect(page.GetByText(new Regex("Draft saved at"))).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.CloseAsync();

        var (again, moreErrors) = await browser.NewPageAsync();
        await site.SignInAsync(again, "drafter1");
        await again.GotoAsync(new Uri(site.WebUrl, "/papers/1506.02025/summarize").ToString());
        var restored = await OpenEditorAsync(again);
        await Expect(restored).ToHaveValueAsync("Unfinished thoughts about $\\theta$ and sampling grids.");
        await Expect(again.GetByText(new Regex("unpublished draft"))).ToBeVisibleAsync();
        // A draft is private: the paper page still has no summary by this person.
        await again.GotoAsync(new Uri(site.WebUrl, "/papers/1506.02025").ToString());
        await Expect(again.Locator("article.summary")).Not.ToContainTextAsync("Unfinished thoughts");
        Assert.Empty(errors);
        Assert.Empty(moreErrors);
    }

    [Fact]
    public async Task TwoTabsEditingTheSameRevision_TheSecondPublishShowsTheConflictAndKeepsItsText()
    {
        await site.CreateMemberAsync("twotabs");
        var (first, errors) = await browser.NewPageAsync();
        await site.SignInAsync(first, "twotabs");
        await first.GotoAsync(new Uri(site.WebUrl, "/papers/1505.05424/summarize").ToString());
        await (await OpenEditorAsync(first)).FillAsync("Version from the first tab.");
        // The second tab shares the browser's cookie, like a real second tab.
        var second = await browser.TabAsync(first.Context, errors);
        await second.GotoAsync(new Uri(site.WebUrl, "/papers/1505.05424/summarize").ToString());
        var secondSource = await OpenEditorAsync(second);

        await first.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();
        await Expect(first).ToHaveURLAsync(new Regex(@"/summaries/\d+$"));
        await secondSource.FillAsync("Version from the second tab.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();

        var conflict = second.Locator("section.conflict");
        await Expect(conflict).ToContainTextAsync("Revision 1 was published while you were editing");
        await Expect(conflict.Locator(".diff-line del")).ToContainTextAsync("first");
        await Expect(secondSource).ToHaveValueAsync("Version from the second tab.");
        // Merged by hand, the second tab publishes on top of revision 1.
        await secondSource.FillAsync("Version from both tabs.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Expect(second.Locator(".prose")).ToContainTextAsync("Version from both tabs.");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnonymousVisitorsAreAskedToSignInBeforeWriting()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1506.02025").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Summarize this paper" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?returnUrl=", RegexOptions.IgnoreCase));
        Assert.Empty(errors);
    }
}
