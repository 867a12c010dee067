using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Import;

/// <summary>Adding papers changes the site's venues and papers: these tests get a site of their own.</summary>
[CollectionDefinition(Name)]
public sealed class ImportSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "import-site";
}

[Collection(ImportSiteCollection.Name)]
public sealed partial class AddPaperPageTests(SiteFixture site, Browser browser)
{
    const string Password = "an import password nobody guesses";

    // An import waits on the (recorded) metadata service and a busy test machine: allow more than the default 5 s.
    static readonly PageAssertionsToHaveURLOptions Landed = new() { Timeout = 30_000 };
    static readonly LocatorAssertionsToContainTextOptions Answered = new() { Timeout = 30_000 };

    [Fact]
    public async Task AMemberAddsAPaperByArxivIdAndByPastedBibtexAndLandsOnItsPage()
    {
        var (page, errors) = await SignedInPageAsync("curator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a paper" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a paper", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("arXiv id or link, DOI, or BibTeX").FillAsync("https://arxiv.org/abs/1609.03499v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add paper" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/papers/1609\\.03499$"), Landed);
        await Expect(page.Locator("h1")).ToHaveTextAsync("WaveNet: A Generative Model for Raw Audio");
        await Expect(page.Locator(".byline .authors")).ToContainTextAsync("Aäron van den Oord");
        await page.Locator(".cite > summary").ClickAsync();
        await Expect(page.Locator(".cite pre")).ToContainTextAsync("@misc{oord2016wavenet,");

        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());
        await page.GetByLabel("arXiv id or link, DOI, or BibTeX").FillAsync("""
            @inproceedings{anything,
              title = {{L}earning to {S}ummarize {P}apers with {\"U}ber-{M}odels},
              author = {G{\"o}del, Kurt and Noether, Emmy},
              booktitle = {Proceedings of the 36th International Conference on Machine Learning},
              year = {2019}
            }
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add paper" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/papers/godel2019learning$"), Landed);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Learning to Summarize Papers with Über-Models");
        await Expect(page.Locator(".byline .venue")).ToContainTextAsync("ICML");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WhenNoServiceKnowsThePaperTheFormSaysSoAndKeepsWhatWasTyped()
    {
        var (page, errors) = await SignedInPageAsync("hopeful");
        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());

        await page.GetByLabel("arXiv id or link, DOI, or BibTeX").FillAsync("https://doi.org/10.5555/nothing-here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add paper" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Neither Crossref nor DataCite knows the DOI 10.5555/nothing-here", Answered);
        await Expect(page.GetByLabel("arXiv id or link, DOI, or BibTeX")).ToHaveValueAsync("https://doi.org/10.5555/nothing-here");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WhenArxivIsDownTheFormExplainsAndNothingIsLost()
    {
        var (page, errors) = await SignedInPageAsync("patient");
        site.Upstream.Answer("2005.00005", Enumerable.Repeat(new ShortScience.Testing.FakeAnswer(503, "text/plain", "Service Unavailable"), 5).ToArray());
        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());

        await page.GetByLabel("arXiv id or link, DOI, or BibTeX").FillAsync("arXiv:2005.00005");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add paper" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("arXiv answered 503", Answered);
        await Expect(page.GetByLabel("arXiv id or link, DOI, or BibTeX")).ToHaveValueAsync("arXiv:2005.00005");
        Assert.Empty(errors);
    }

    /// <summary>A large file takes a while: the page says how far the import has come while the answer is awaited.</summary>
    [Fact]
    public async Task ALargeBibFileShowsHowFarTheImportHasComeThenTheReport()
    {
        var (page, errors) = await SignedInPageAsync("bigbibfiler");
        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());
        await page.GetByText("Import a .bib file").ClickAsync();
        const int entries = 400;
        var bib = string.Join("\n", Enumerable.Range(1, entries).Select(i =>
            $"@article{{large{i}, title = {{A Large Library Paper Number {i}}}, author = {{Curie, Marie}}, journal = {{Annals of Patience}}, year = 2019}}"));
        await page.GetByLabel("BibTeX file").SetInputFilesAsync(new FilePayload
        {
            Name = "library.bib", MimeType = "application/x-bibtex", Buffer = Encoding.UTF8.GetBytes(bib),
        });

        // The page being left cannot be asked while the browser waits for the answer (the test tools wait with it), so
        // a watcher in the page reports every change of the status line as it happens.
        var shown = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await page.ExposeFunctionAsync("statusShown", (string text) => shown.Enqueue(text));
        await page.EvaluateAsync("""
            () => {
              const status = document.querySelector("form[data-import-progress] [role=status]");
              new MutationObserver(() => window.statusShown(status.hidden ? "" : status.textContent))
                .observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
            }
            """);

        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.Locator(".import-report")).ToContainTextAsync($"{entries} entries: {entries} added", Answered);
        Assert.Contains("Sending the file…", shown);
        // While entries were imported ("Imported 120 of 400 entries…"), or at least as they were all in.
        Assert.Contains(shown, text => ImportProgressText().IsMatch(text));
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"(Imported \d+ of|All) 400 entries")]
    private static partial Regex ImportProgressText();

    [Fact]
    public async Task AMemberImportsABibFileAndSeesTheReport()
    {
        var (page, errors) = await SignedInPageAsync("bibfiler");
        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());
        await page.GetByText("Import a .bib file").ClickAsync();

        await page.GetByLabel("BibTeX file").SetInputFilesAsync(new FilePayload
        {
            Name = "reading.bib", MimeType = "application/x-bibtex",
            Buffer = Encoding.UTF8.GetBytes("""
                @article{k1, title = {A Reading List Paper}, author = {Lovelace, Ada}, journal = {Nature}, year = 2021}
                @article{k2, title = {Broken, year = 2020
                @misc{k3, title = {Generative Adversarial Nets}, author = {Goodfellow, Ian}, year = 2014, howpublished = {NIPS}}
                """),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        var report = page.Locator(".import-report");
        await Expect(report).ToContainTextAsync("3 entries: 1 added", Answered);
        await Expect(report.Locator("tr.outcome-refused")).ToContainTextAsync("never closed");
        await Expect(report.Locator("tr.outcome-added a")).ToHaveAttributeAsync("href", "/papers/lovelace2021reading");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AMemberProposesACorrectionFromThePaperPage()
    {
        var (page, errors) = await SignedInPageAsync("corrector");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1409.0473").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Propose a correction" }).ClickAsync();

        await page.GetByLabel("Year").FillAsync("2016");
        await page.GetByLabel("Why (a source helps the moderators)").FillAsync("Checking the correction form.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the correction" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent to the moderators", Answered);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/add").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?returnUrl=%2Fadd", RegexOptions.IgnoreCase));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task APapersBibtexDownloadsFromItsBibAddress()
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var response = await http.GetAsync("/papers/1706.03762.bib");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("@", await response.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/papers/no-such-paper.bib")).StatusCode);
    }

    /// <summary>An account made through the API (register, confirm by the mailed link), signed in on the Web login page.</summary>
    async Task<(IPage Page, List<string> Errors)> SignedInPageAsync(string name)
    {
        using var api = new HttpClient { BaseAddress = site.Api.Address };
        (await api.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(name, $"{name}@example.org", Password, $"{name} Reader")))
            .EnsureSuccessStatusCode();
        var link = new Uri(await MailedLinkAsync($"{name}@example.org"));
        var query = link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        (await api.PostAsJsonAsync("/api/v1/auth/confirm-email", new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"])))
            .EnsureSuccessStatusCode();

        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/account/login").ToString());
        await page.GetByLabel("User name or email").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".site-header .me")).ToHaveTextAsync($"{name} Reader");
        return (page, errors);
    }

    async Task<string> MailedLinkAsync(string email)
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
