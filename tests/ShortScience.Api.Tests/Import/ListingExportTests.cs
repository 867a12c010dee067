using System.Net;
using System.Text.Json;
using ShortScience.Core.Import;
using ShortScience.Core.Text;

namespace ShortScience.Api.Tests.Import;

/// <summary>Year, tag, author, search, venue-year, user and reading-list listings as BibTeX, RIS and CSL-JSON files.</summary>
public sealed class ListingExportTests(ImportApp app) : IClassFixture<ImportApp>
{
    const string First = "@inproceedings{lx1, title = {Zebra Listing Export One}, author = {Quentin Lister and Rosa Exporter}, booktitle = {ICLR}, year = 2011, keywords = {zebratag}}";
    const string Second = "@article{lx2, title = {Zebra Listing Export Two}, author = {Quentin Lister}, journal = {Nature}, year = 2011, keywords = {zebratag}}";
    const string Other = "@inproceedings{lx3, title = {Unrelated Paper}, author = {Someone Else}, booktitle = {ICLR}, year = 2012}";

    /// <summary>The three papers (added once per class; a later add lands on the paper already here).</summary>
    async Task<HttpClient> PapersAsync(string member)
    {
        Member = $"{member}-{Guid.NewGuid().ToString("N")[..8]}";
        var client = await app.MemberAsync(Member);
        foreach (var bib in new[] { First, Second, Other })
        {
            var added = await client.AddedAsync(bib);
            if (bib == First) FirstKey = added.Paper.Key;
        }
        return client;
    }

    string? FirstKey { get; set; }

    string Member { get; set; } = "";

    public static TheoryData<string> Listings => new()
    {
        "/api/v1/years/2011",
        "/api/v1/tags/zebratag",
        $"/api/v1/authors/{Slug.From("Quentin Lister")}",
        "/api/v1/search/{0}?q=zebra",
    };

    static string Address(string listing, string suffix) =>
        listing.Contains("{0}", StringComparison.Ordinal) ? string.Format(listing, suffix) : $"{listing}/{suffix}";

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task AListingsBibtexReadsBackWithItsPapers(string listing)
    {
        var client = await PapersAsync("bib-lister");

        var response = await client.GetAsync(Address(listing, "bibtex"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        var entries = BibtexParser.Parse(await response.Content.ReadAsStringAsync()).Entries;
        Assert.Equal(["Zebra Listing Export One", "Zebra Listing Export Two"], entries.Select(e => BibtexMetadata.From(e).Title).Order());
        Assert.Equal(2, entries.Select(e => e.Key).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task AListingsCslJsonHasTypeTitleAuthorAndIssued(string listing)
    {
        var client = await PapersAsync("csl-lister");

        var response = await client.GetAsync(Address(listing, "csl"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.citationstyles.csl+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = doc.RootElement.EnumerateArray().OrderBy(i => i.GetProperty("title").GetString()).ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["paper-conference", "article-journal"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("Zebra Listing Export One", items[0].GetProperty("title").GetString());
        Assert.Equal(["Lister", "Exporter"], items[0].GetProperty("author").EnumerateArray().Select(a => a.GetProperty("family").GetString()));
        Assert.Equal("Quentin", items[0].GetProperty("author")[0].GetProperty("given").GetString());
        Assert.All(items, i => Assert.Equal(2011, i.GetProperty("issued").GetProperty("date-parts")[0][0].GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task AListingsRisHasOneRecordPerPaper(string listing)
    {
        var client = await PapersAsync("ris-lister");

        var response = await client.GetAsync(Address(listing, "ris"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-research-info-systems", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(["TY  - CONF", "TY  - JOUR"], lines.Where(l => l.StartsWith("TY  -", StringComparison.Ordinal)).Order());
        Assert.Equal(2, lines.Count(l => l.StartsWith("ER  -", StringComparison.Ordinal)));
        Assert.Contains("TI  - Zebra Listing Export One", lines);
        Assert.Contains("AU  - Lister, Quentin", lines);
        Assert.Contains("PY  - 2011", lines);
    }

    [Fact]
    public async Task VenueYearUserAndReadingListHaveEveryFormat()
    {
        var client = await PapersAsync("every-format");
        (await client.PutAsync($"/api/v1/me/reading-list/{FirstKey}", null)).EnsureSuccessStatusCode();

        foreach (var (suffix, type) in new[] { ("ris", "application/x-research-info-systems"), ("csl", "application/vnd.citationstyles.csl+json") })
        {
            var venue = await client.GetAsync($"/api/v1/venues/iclr/2011/{suffix}");
            Assert.Equal(HttpStatusCode.OK, venue.StatusCode);
            Assert.Equal(type, venue.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Zebra Listing Export One", await venue.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/venues/nowhere/2011/{suffix}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/no-such-user/{suffix}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/users/{Member}/{suffix}")).StatusCode);
        }
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me/reading-list.json"));
        Assert.Equal("Zebra Listing Export One", Assert.Single(list.RootElement.EnumerateArray()).GetProperty("title").GetString());
        Assert.Contains("TI  - Zebra Listing Export One\r\n", await client.GetStringAsync("/api/v1/me/reading-list.ris"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api.CreateClient().GetAsync("/api/v1/me/reading-list.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api.CreateClient().GetAsync("/api/v1/me/reading-list.ris")).StatusCode);
    }

    [Fact]
    public async Task BadListingsAnswerProblemsNotErrors()
    {
        var client = app.Api.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/search/bibtex")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/search/csl?q=" + new string('x', 400))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/authors/nobody-at-all/ris")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/years/99999/bibtex")).StatusCode);
        Assert.Equal("[]", (await client.GetStringAsync("/api/v1/tags/no-such-tag-here/csl")).Trim());
    }
}
