using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using Microsoft.Playwright;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Security;

/// <summary>
/// The whole hostile-input corpus written by a member into every place people write (paper metadata, a .bib
/// import, summaries, comments, the profile), then read back through the API, as page HTML, and in Chromium,
/// which must show it without running anything: no dialog, no script error, no request to a foreign host
/// other than the images that summaries may link.
/// </summary>
[Collection(HostileSiteCollection.Name)]
public sealed class HostileContentTests(SiteFixture site, Browser browser) : IAsyncLifetime
{
    const int ChunkSize = 25;

    // Written once for the three tests (each test gets a new instance of this class).
    static Task<List<string>>? _written;
    static readonly object Gate = new();
    List<string> _paperKeys = [];

    public async Task InitializeAsync()
    {
        lock (Gate) _written ??= WriteAsync(site);
        _paperKeys = await _written;
    }

    static async Task<List<string>> WriteAsync(SiteFixture site)
    {
        var keys = new List<string>();
        await site.CreateMemberAsync("xss-writer");
        await site.CreateMemberAsync("xss-reader");
        using var writer = await site.ApiClientForAsync("xss-writer");
        using var reader = await site.ApiClientForAsync("xss-reader");
        var i = 0;
        foreach (var chunk in HostileCorpus.Chunks(ChunkSize))
        {
            i++;
            var manual = new ManualPaper(Cut(chunk[0], 900) + $" #{i}", [Cut(chunk[1], 200), Cut(chunk[2], 200)], Cut(chunk[3], 200), 2021,
                string.Join("\n", chunk), Keywords: [Cut(chunk[4], 60)]);
            var added = await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: manual));
            Assert.True((int)added.StatusCode < 500, $"adding paper {i}: {(int)added.StatusCode}");
            if (!added.IsSuccessStatusCode)
            {
                added = await writer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper($"Hostile carrier paper {i}", ["Carrier Author"], Year: 2021)));
            }
            var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
            keys.Add(key);

            var published = await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(string.Join("\n\n", chunk), null, false, null));
            Assert.True((int)published.StatusCode < 500, $"summary {i}: {(int)published.StatusCode}");
            if (published.IsSuccessStatusCode)
            {
                var summary = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!;
                var commented = await reader.PostAsJsonAsync($"/api/v1/summaries/{summary.SummaryId}/comments", new CommentRequest(string.Join("\n\n", chunk)));
                Assert.True((int)commented.StatusCode < 500, $"comment {i}: {(int)commented.StatusCode}");
            }
        }
        var profile = await writer.PutAsJsonAsync("/api/v1/me/profile",
            new ProfileUpdate(Cut(HostileCorpus.Entries[3], 100), string.Join("\n", HostileCorpus.Entries.Take(40)), Cut(HostileCorpus.Entries[1], 200), true));
        Assert.True((int)profile.StatusCode < 500);

        var bib = new StringBuilder();
        foreach (var (entry, n) in HostileCorpus.Entries.Take(60).Select((e, n) => (e, n)))
        {
            bib.Append($"@article{{hostile{n},\n  title = {{{entry.Replace("{", "").Replace("}", "")} {n}}},\n  author = {{{Cut(entry.Replace("{", "").Replace("}", ""), 80)} and Real Person}},\n  year = {{2020}}\n}}\n\n");
        }
        var imported = await writer.PostAsync("/api/v1/papers/import", new StringContent(bib.ToString(), Encoding.UTF8, "application/x-bibtex"));
        Assert.True((int)imported.StatusCode < 500, $"import: {(int)imported.StatusCode}");
        var report = await imported.Content.ReadFromJsonAsync<BibImportReport>();
        keys.AddRange(report!.Items.Where(item => item.PaperKey is not null).Select(item => item.PaperKey!).Take(20));
        return keys;
    }

    [Fact]
    public async Task RenderedTextFromTheApiIsInert()
    {
        using var http = new HttpClient { BaseAddress = site.Api.Address };
        foreach (var key in _paperKeys)
        {
            var paper = await http.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{Uri.EscapeDataString(key)}");
            foreach (var summary in paper!.Summaries)
            {
                HtmlSafety.AssertInert(summary.Html);
                foreach (var comment in summary.Comments ?? []) HtmlSafety.AssertInert(comment.Html);
            }
        }
        var recent = await http.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?limit=100");
        foreach (var item in recent!.Items) HtmlSafety.AssertInert(item.ExcerptHtml);
    }

    [Fact]
    public async Task FeedsCarryingItAreWellFormedAndTheirHtmlIsInert()
    {
        // Through the Web origin, as feed readers reach them; every feed must parse as XML (XDocument refuses
        // control characters and broken markup) and each entry's HTML must be as inert as the page's.
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        XNamespace atom = "http://www.w3.org/2005/Atom", content = "http://purl.org/rss/1.0/modules/content/";
        var feeds = new List<string> { "/feeds/summaries.atom?limit=200", "/feeds/summaries.rss?limit=200", "/feeds/comments.atom?limit=200",
            "/feeds/comments.rss?limit=200", "/feeds/users/xss-writer.atom", "/feeds/users/xss-writer.rss",
            $"/feeds/search.atom?q={Uri.EscapeDataString(HostileCorpus.Entries[0])}", $"/feeds/search.rss?q={Uri.EscapeDataString(HostileCorpus.Entries[5])}" };
        feeds.AddRange(_paperKeys.Take(8).SelectMany(key => new[] { $"/feeds/papers/{Uri.EscapeDataString(key)}.atom", $"/feeds/papers/{Uri.EscapeDataString(key)}.rss" }));
        var entries = 0;
        foreach (var feed in feeds)
        {
            var response = await http.GetAsync(feed);
            Assert.True(response.IsSuccessStatusCode, $"{feed}: {(int)response.StatusCode}");
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
            var htmls = xml.Descendants(atom + "content").Select(e => e.Value)
                .Concat(xml.Descendants(content + "encoded").Select(e => e.Value)).ToList();
            foreach (var html in htmls) HtmlSafety.AssertInert(html);
            entries += htmls.Count;
        }
        Assert.True(entries > 100, $"only {entries} entries read");
    }

    [Fact]
    public async Task PagesShowingItHaveNoForeignScriptHandlerOrScriptUrl()
    {
        using var http = new HttpClient();
        var problems = new List<string>();
        foreach (var path in Paths())
        {
            var html = await http.GetStringAsync(new Uri(site.WebUrl, path));
            problems.AddRange(PageSafety.Problems(html).Select(p => $"{path}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task ChromiumShowsItWithoutRunningAnything()
    {
        var (page, errors) = await browser.NewPageAsync();
        var dialogs = new List<string>();
        var foreign = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (!uri.IsLoopback && uri.Scheme is "http" or "https" && request.ResourceType != "image") foreign.Add($"{request.ResourceType} {request.Url}");
        };

        foreach (var path in Paths())
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            // Give injected handlers (onload, onfocus, animations) a moment to fire if anything got through.
            await page.Mouse.MoveAsync(200, 300);
            await page.WaitForTimeoutAsync(150);
        }

        Assert.Empty(dialogs);
        Assert.Empty(foreign);
        Assert.Empty(errors);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__xss === true"));
    }

    IEnumerable<string> Paths() =>
        _paperKeys.Select(k => $"/papers/{Uri.EscapeDataString(k)}").Concat(["/", "/?tab=best", "/users/xss-writer", "/venues"]);

    static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    public Task DisposeAsync() => Task.CompletedTask;
}
