using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Questions;

[CollectionDefinition(Name)]
public sealed class QuestionsSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "questions-site";
}

[Collection(QuestionsSiteCollection.Name)]
public sealed class QuestionsJourneyTests(SiteFixture site, Browser browser)
{
    async Task<string> PaperWithoutSummaryAsync(string member, string title)
    {
        using var api = await site.ApiClientForAsync(member);
        var added = await api.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(title, ["Quinn Questioner"], Year: 2023)));
        added.EnsureSuccessStatusCode();
        return (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
    }

    [Fact]
    public async Task AMemberAsksAnotherAnswersTheAskerAcceptsAndAReaderWithoutScriptSeesItAll()
    {
        await site.CreateMemberAsync("q-asker");
        await site.CreateMemberAsync("q-helper");
        var key = await PaperWithoutSummaryAsync("q-asker", "Routing Between Capsules Nobody Summarized");
        var url = new Uri(site.WebUrl, $"/papers/{key}").ToString();

        var (asker, askerErrors) = await browser.NewPageAsync();
        await site.SignInAsync(asker, "q-asker");
        await asker.GotoAsync(url);
        await Expect(asker.Locator(".summaries .empty")).ToContainTextAsync("Nobody has summarized");
        await asker.GetByLabel("Your question, in one line").FillAsync("How many routing iterations are enough?");
        await asker.GetByLabel("Details").FillAsync("The paper uses $r = 3$; does it matter?");
        await asker.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(asker).ToHaveURLAsync(new Regex(@"#question-\d+$"));
        var question = asker.Locator("article.question").First;
        await Expect(question.Locator(".question-title")).ToHaveTextAsync("How many routing iterations are enough?");
        await Expect(question.Locator(".prose .katex")).ToHaveCountAsync(1);

        var (helper, helperErrors) = await browser.NewPageAsync();
        await site.SignInAsync(helper, "q-helper");
        await helper.GotoAsync(url);
        await helper.Locator("article.question").First.GetByLabel("Your answer").FillAsync("Three: Table 1 shows more iterations overfit.");
        await helper.GetByRole(AriaRole.Button, new() { Name = "Post answer" }).ClickAsync();
        await Expect(helper).ToHaveURLAsync(new Regex(@"#answer-\d+$"));
        await Expect(helper.Locator("article.answer").First).ToContainTextAsync("more iterations overfit");
        // Only the asker may accept.
        await Expect(helper.GetByRole(AriaRole.Button, new() { Name = "Accept this answer" })).ToHaveCountAsync(0);

        await asker.GotoAsync(url);
        await asker.GetByRole(AriaRole.Button, new() { Name = "Accept this answer" }).ClickAsync();
        await Expect(asker.GetByRole(AriaRole.Status)).ToContainTextAsync("Answer accepted");
        await Expect(asker.Locator("article.answer.accepted .accepted-badge")).ToContainTextAsync("Accepted answer");
        await Expect(asker.Locator(".site-header .inbox")).ToContainTextAsync("(1)"); // told of the answer, not of their own accepting

        var (reader, readerErrors) = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        await reader.GotoAsync(url);
        var shown = reader.Locator("article.question").First;
        await Expect(shown.Locator(".question-title")).ToHaveTextAsync("How many routing iterations are enough?");
        await Expect(shown).ToContainTextAsync("does it matter?");
        await Expect(shown.Locator("article.answer.accepted")).ToContainTextAsync("more iterations overfit");
        await Expect(shown.Locator("article.answer.accepted")).ToContainTextAsync("Accepted answer");
        await Expect(reader.Locator($"link[rel=alternate][href='/feeds/papers/{key}/questions.atom']")).ToHaveCountAsync(1);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Questions", Exact = true }).First.ClickAsync();
        await Expect(reader).ToHaveURLAsync(new Regex("/questions$"));
        await reader.GetByRole(AriaRole.Link, new() { Name = "All", Exact = true }).ClickAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = "How many routing iterations are enough?" }).ClickAsync();
        await Expect(reader).ToHaveURLAsync(new Regex($@"/papers/{Regex.Escape(key)}#question-\d+$"));

        Assert.True(askerErrors.Count == 0, string.Join("\n", askerErrors));
        Assert.True(helperErrors.Count == 0, string.Join("\n", helperErrors));
        Assert.True(readerErrors.Count == 0, string.Join("\n", readerErrors));
    }

    [Fact]
    public async Task AnUnansweredQuestionIsListedSiteWideAndARefusedQuestionKeepsWhatWasTyped()
    {
        await site.CreateMemberAsync("q-lister");
        var key = await PaperWithoutSummaryAsync("q-lister", "Unanswered Paper For The List");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "q-lister");
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{key}").ToString());

        // The browser would stop a blank title; a title over the limit only the API refuses.
        await page.GetByLabel("Your question, in one line").EvaluateAsync("e => { e.removeAttribute('maxlength'); e.value = 'x'.repeat(301); }");
        await page.GetByLabel("Details").FillAsync("Details that must survive.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(page.Locator("#ask [role=alert]")).ToContainTextAsync("at most 300");
        await Expect(page.GetByLabel("Details")).ToHaveValueAsync("Details that must survive.");

        await page.GetByLabel("Your question, in one line").FillAsync("Is the code available anywhere?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"#question-\d+$"));
        await page.GotoAsync(new Uri(site.WebUrl, "/questions").ToString());
        await Expect(page.Locator("ol.question-index")).ToContainTextAsync("Is the code available anywhere?");
        await Expect(page.Locator("ol.question-index")).ToContainTextAsync("Unanswered Paper For The List");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
    /// <summary>
    /// A form whose token went stale (here: the browser lost the antiforgery cookie its token belongs to) is refused,
    /// and the refusal hands back what was written to copy, rather than losing it to "reload the page". A page that
    /// answers no form shows nothing of it.
    /// </summary>
    [Fact]
    public async Task AFormRefusedForAStaleTokenHandsBackWhatWasWritten()
    {
        await site.CreateMemberAsync("q-stale");
        var (page, _) = await browser.NewPageAsync();
        await site.SignInAsync(page, "q-stale");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1505.05424").ToString());
        await page.GetByLabel("Your question, in one line").FillAsync("Does the prior's scale matter?");
        await page.GetByLabel("Details").FillAsync("An hour's thought about $\\sigma_1$ against $\\sigma_2$.");
        await page.Context.ClearCookiesAsync(new() { Name = "shortscience-af" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("This request could not be understood");
        var sentBack = page.GetByLabel("What you wrote, to copy: nothing was saved");
        await Expect(sentBack).ToHaveValueAsync("Does the prior's scale matter?\n\nAn hour's thought about $\\sigma_1$ against $\\sigma_2$.");

        // A page nobody posted to (an unknown address) has no such box, whatever this tab sent before.
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/no-such-paper-here").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("[data-sent-back]")).ToHaveCountAsync(0);
    }

    /// <summary>A profile lists what the person asked and answered, once there is some, and follows each change at once.</summary>
    [Fact]
    public async Task AProfileListsTheQuestionsAskedAndTheAnswersGiven()
    {
        await site.CreateMemberAsync("q-profiled");
        await site.CreateMemberAsync("q-answering");
        var key = await PaperWithoutSummaryAsync("q-profiled", "Dynamic Routing Asked About On Profiles");
        using var reader = new HttpClient { BaseAddress = site.WebUrl };
        // Nothing asked or answered yet: no such lists (and the page is now in the cache).
        Assert.DoesNotContain("id=\"user-answers\"", await reader.GetStringAsync("/users/q-answering"));

        QuestionView question;
        AnswerView answer;
        using (var asker = await site.ApiClientForAsync("q-profiled"))
        using (var helper = await site.ApiClientForAsync("q-answering"))
        {
            var asked = await asker.PostAsJsonAsync($"/api/v1/papers/{key}/questions", new QuestionRequest("Do three iterations suffice?", "For MNIST."));
            question = (await asked.Content.ReadFromJsonAsync<QuestionView>())!;
            var answered = await helper.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("Yes: more change little."));
            answer = (await answered.Content.ReadFromJsonAsync<AnswerView>())!;
            (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();
        }
        Assert.True(await Caching.PreciseEvictionTests.EventuallyContainsAsync(reader, "/users/q-answering", "id=\"user-answers\"", seconds: 10),
            "the answerer's cached profile does not list the new answer");

        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/users/q-profiled").ToString());
        var asked2 = page.Locator("section[aria-labelledby=user-questions]");
        await Expect(asked2.GetByRole(AriaRole.Link, new() { Name = "Do three iterations suffice?" })).ToHaveAttributeAsync("href", $"/papers/{key}#question-{question.Id}");
        await Expect(asked2.Locator(".meta")).ToContainTextAsync("1 answer · answered");
        await Expect(page.Locator("section[aria-labelledby=user-answers]")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(site.WebUrl, "/users/q-answering").ToString());
        var given = page.Locator("section[aria-labelledby=user-answers] li");
        await Expect(given).ToContainTextAsync("✓ Accepted answer");
        await Expect(given.Locator(".prose")).ToContainTextAsync("more change little");
        await given.GetByRole(AriaRole.Link, new() { Name = "Do three iterations suffice?" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/papers/{Regex.Escape(key)}#answer-{answer.Id}$"));
        Assert.Empty(errors);
    }
}
