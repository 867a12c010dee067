using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Comments;

[Collection(CommentsSiteCollection.Name)]
public sealed class CommentsJourneyTests(SiteFixture site, Browser browser)
{
    /// <summary>
    /// Opens a collapsed form by its summary, as a person does. On a loaded machine the page's script may still move
    /// the page under the pointer (an abstract that fits drops its "more" line) as the click lands; a person would
    /// click again, and so does this, at most three times.
    /// </summary>
    static async Task OpenAsync(ILocator details)
    {
        for (var attempt = 1; ; attempt++)
        {
            await details.Locator("summary").ClickAsync();
            try
            {
                await Expect(details).ToHaveAttributeAsync("open", "", new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    async Task<long> PublishAsync(string author, string paperKey, string text)
    {
        using var api = await site.ApiClientForAsync(author);
        var response = await api.PutAsJsonAsync($"/api/v1/papers/{paperKey}/summaries/mine", new PublishRequest(text, null, false, null));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
    }

    [Fact]
    public async Task OneReaderCommentsAnotherRepliesAndTheAuthorSeesTheNotificationAndVotes()
    {
        await site.CreateMemberAsync("d-author");
        await site.CreateMemberAsync("d-asker");
        await site.CreateMemberAsync("d-helper");
        var id = await PublishAsync("d-author", "1611.03530", "Networks memorize **random labels** easily.");

        var (asker, errors) = await browser.NewPageAsync();
        await site.SignInAsync(asker, "d-asker");
        await asker.GotoAsync(new Uri(site.WebUrl, "/papers/1611.03530").ToString());
        var thread = asker.Locator($"#comments-{id}");
        await thread.GetByLabel("Add a comment").FillAsync("Does this hold for $\\ell_2$ regularized nets?");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(thread.Locator(".comment").First).ToContainTextAsync("regularized nets");

        var (helper, helperErrors) = await browser.NewPageAsync();
        await site.SignInAsync(helper, "d-helper");
        await helper.GotoAsync(new Uri(site.WebUrl, "/papers/1611.03530").ToString());
        var helperThread = helper.Locator($"#comments-{id}");
        await OpenAsync(helperThread.Locator(".reply-form").First);
        await helperThread.GetByLabel("Your reply").FillAsync("Yes: Table 2 shows weight decay does not prevent it.");
        await helperThread.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        var reply = helper.Locator($"#comments-{id} .replies .comment").First;
        await Expect(reply).ToContainTextAsync("weight decay");

        var (author, authorErrors) = await browser.NewPageAsync();
        await site.SignInAsync(author, "d-author");
        await Expect(author.Locator(".site-header .inbox")).ToContainTextAsync("(2)");
        await author.Locator(".site-header .inbox").ClickAsync();
        var notes = author.Locator("ol.notifications li.unread");
        await Expect(notes).ToHaveCountAsync(2);
        await Expect(notes.First).ToContainTextAsync("commented on your summary");
        await notes.First.Locator("a").ClickAsync();
        await Expect(author).ToHaveURLAsync(new Regex(@"#comment-\d+$"));

        var replyOnAuthorPage = author.Locator(".replies .comment").First;
        await replyOnAuthorPage.GetByRole(AriaRole.Button, new() { Name = "▲ upvote" }).ClickAsync();
        replyOnAuthorPage = author.Locator(".replies .comment").First;
        await Expect(replyOnAuthorPage.Locator(".score")).ToHaveTextAsync(new Regex("^1"));
        await Expect(replyOnAuthorPage.Locator("button.vote.up")).ToHaveAttributeAsync("aria-pressed", "true");

        Assert.Empty(errors);
        Assert.Empty(helperErrors);
        Assert.Empty(authorErrors);
    }

    [Fact]
    public async Task ACommentDeletedInHasteComesBackWithUndo()
    {
        await site.CreateMemberAsync("d-undo-author");
        await site.CreateMemberAsync("d-undo-commenter");
        var id = await PublishAsync("d-undo-author", "1606.03498", "Feature matching stabilizes GAN training.");
        long commentId;
        using (var api = await site.ApiClientForAsync("d-undo-commenter"))
        {
            var posted = await api.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Does minibatch discrimination help too?"));
            commentId = (await posted.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CommentLocation>())!.Id;
        }
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "d-undo-commenter");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1606.03498").ToString());
        var comment = page.Locator($"#comment-{commentId}");
        // The new-comment form's anchor is named apart from comments (summary and comment ids are separate sequences,
        // so "comment-{summary id}" could be a comment's permalink), and no id is on the page twice.
        await Expect(page.Locator($"#new-comment-{id} form.comment-form")).ToHaveCountAsync(1);
        await Expect(page.Locator($"div#comment-{id}")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }"));
        await comment.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator(".flash.undo")).ToContainTextAsync("Comment deleted.");
        await Expect(comment).ToHaveCountAsync(0);

        await page.Locator(".flash.undo").GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Comment restored.");
        await Expect(comment).ToContainTextAsync("minibatch discrimination");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AReportedSummaryIsHiddenByAModeratorAndDisappearsFromThePaper()
    {
        await site.CreateMemberAsync("d-spammer");
        await site.CreateMemberAsync("d-reader");
        await site.CreateMemberAsync("d-mod");
        await site.MakeModeratorAsync("d-mod");
        var id = await PublishAsync("d-spammer", "1502.03167", "Cheap watches at example dot com");

        var (reader, errors) = await browser.NewPageAsync();
        await site.SignInAsync(reader, "d-reader");
        await reader.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        var summary = reader.Locator($"#summary-{id}");
        await summary.Locator(".report summary").ClickAsync();
        await summary.GetByLabel("What is wrong with this summary?").SelectOptionAsync("Spam or advertising");
        await summary.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("A moderator will look at your report");

        var (mod, modErrors) = await browser.NewPageAsync();
        await site.SignInAsync(mod, "d-mod");
        await mod.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        var flag = mod.Locator("li.flag").Filter(new() { HasText = "Cheap watches" });
        await Expect(flag).ToContainTextAsync("Spam or advertising");
        await flag.GetByPlaceholder("Reason the author will see").FillAsync("Advertising is not a summary");
        await flag.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(mod.GetByRole(AriaRole.Status)).ToContainTextAsync("Hidden");
        await mod.GotoAsync(new Uri(site.WebUrl, "/moderation?tab=log").ToString());
        await Expect(mod.Locator("table.log")).ToContainTextAsync("Advertising is not a summary");

        await reader.GotoAsync(new Uri(site.WebUrl, "/papers/1502.03167").ToString());
        await Expect(reader.Locator($"#summary-{id}")).ToHaveCountAsync(0);
        Assert.Empty(errors);
        Assert.Empty(modErrors);
    }

    [Fact]
    public async Task ACommentThatIsRefusedKeepsWhatWasTypedAndSaysWhy()
    {
        await site.CreateMemberAsync("d-banned");
        await site.CreateMemberAsync("d-banner");
        await site.MakeModeratorAsync("d-banner");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "d-banned");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1312.6114").ToString());
        using (var moderator = await site.ApiClientForAsync("d-banner"))
        {
            (await moderator.PostAsJsonAsync("/api/v1/moderation/users/d-banned/ban", new BanRequest("Test ban"))).EnsureSuccessStatusCode();
        }

        var box = page.GetByLabel("Add a comment").First;
        await box.FillAsync("A careful remark about $q_\\phi(z|x)$ that took a while to write.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("banned");
        await Expect(page.GetByLabel("Add a comment").First).ToHaveValueAsync("A careful remark about $q_\\phi(z|x)$ that took a while to write.");
        Assert.Equal("10000", await box.GetAttributeAsync("maxlength"));
        Assert.Empty(errors);
    }
}
