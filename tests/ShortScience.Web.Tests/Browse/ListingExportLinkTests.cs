using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShortScience.Core.Import;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Browse;

/// <summary>
/// The listings' BibTeX, RIS and CSL-JSON links as a reader uses them: clicked in the page, saved as files by the
/// browser, and read back (BibTeX by Core's parser, CSL-JSON by System.Text.Json). The files' contents are tested
/// in depth through the API (ListingExportTests); this proves the links on every kind of listing reach them.
/// </summary>
[Collection(BrowseCollection.Name)]
public sealed partial class ListingExportLinkTests(SiteFixture site, Browser browser)
{
    const string Title = "Attention Is All You Need";

    public static TheoryData<string> Listings =>
    [
        "/venues/neurips/2017",
        "/years/2017",
        "/tags/machine%20translation",
        "/users/ada",
        // The search's words travel with the file's address.
        "/search?q=attention+%22all+you+need%22",
    ];

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task EachListingsExportLinksDownloadItsPapersInAllThreeFormats(string path)
    {
        await site.SeedAsync(); // a hostile title in NeurIPS 2017 too, which every format must carry intact
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
        await Expect(page.Locator(".listing-exports")).ToBeVisibleAsync();

        await AssertExportsAsync(page);
        Assert.Empty(errors);
    }

    /// <summary>A search narrowed to some years exports what it lists: the links carry its filters, the file holds those years only.</summary>
    [Fact]
    public async Task AFilteredSearchExportsOnlyWhatItLists()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/search?q=attention&from=2017&to=2017").ToString());
        await Expect(page.Locator(".listing-exports")).ToBeVisibleAsync();
        Assert.Contains("from=2017", await page.Locator("a.bibtex-export").GetAttributeAsync("href"));

        var entries = await AssertExportsAsync(page);
        Assert.All(entries, e => Assert.Equal(2017, BibtexMetadata.From(e).Year));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnAuthorsPageReachedFromAPaperExportsTheirPapers()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        // A name outside ASCII, in the page's address and in every file.
        await page.GetByRole(AriaRole.Link, new() { Name = "Łukasz Kaiser", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/authors/"));

        var bibtex = await AssertExportsAsync(page);
        Assert.Contains(bibtex, e => BibtexMetadata.From(e).Authors.Contains("Łukasz Kaiser"));
        Assert.Empty(errors);
    }

    /// <summary>Clicks the three links, checks each file names itself by its format and lists the same papers.</summary>
    static async Task<IReadOnlyList<BibtexEntry>> AssertExportsAsync(IPage page)
    {
        var bib = await DownloadAsync(page, "BibTeX", ".bib");
        var entries = BibtexParser.Parse(bib).Entries;
        var titles = entries.Select(e => BibtexMetadata.From(e).Title).Order().ToList();
        Assert.Contains(Title, titles);

        var ris = await DownloadAsync(page, "RIS", ".ris");
        var records = RisRecord().Matches(ris).Select(m => m.Groups["body"].Value).ToList();
        Assert.Equal(titles, records.Select(r => RisTitle().Match(r).Groups["title"].Value.Trim()).Order());

        using var csl = JsonDocument.Parse(await DownloadAsync(page, "CSL-JSON", ".json"));
        Assert.Equal(titles, csl.RootElement.EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order());
        return entries;
    }

    static async Task<string> DownloadAsync(IPage page, string link, string extension)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator(".listing-exports").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.EndsWith(extension, download.SuggestedFilename);
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"^TY  - .*?$(?<body>.*?)^ER  -", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RisRecord();

    [GeneratedRegex(@"^T[I1]  - (?<title>.*)$", RegexOptions.Multiline)]
    private static partial Regex RisTitle();
}
