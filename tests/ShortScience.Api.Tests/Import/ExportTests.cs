using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;
using ShortScience.Core.Import;

namespace ShortScience.Api.Tests.Import;

public sealed class ExportTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Fact]
    public async Task APaperExportsAsBibtexThatReadsBack()
    {
        var client = await app.MemberAsync("exporter");
        await client.AddedAsync("1706.03762");
        await client.AddedAsync("10.1038/nature16961");

        var response = await client.GetAsync("/api/v1/papers/silver2016mastering/bibtex");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bib = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("@article{silver2016mastering,", bib);
        Assert.Contains("journal = {Nature}", bib);
        var entry = BibtexMetadata.From(Assert.Single(BibtexParser.Parse(bib).Entries));
        Assert.Equal(("Mastering the game of Go with deep neural networks and tree search", "10.1038/nature16961"), (entry.Title, entry.Doi));
        Assert.Equal("George van den Driessche", entry.Authors[5]);

        var preprint = await client.GetStringAsync("/api/v1/papers/1706.03762/bibtex");
        Assert.StartsWith("@misc{vaswani2017attention,", preprint);
        Assert.Contains("eprint = {1706.03762}", preprint);
        Assert.Contains("Kaiser, Lukasz", preprint);
        // The paper page's "Cite" box shows the same entry, carried by the paper itself (one request per page).
        Assert.Equal(bib, (await client.GetFromJsonAsync<PaperDetail>("/api/v1/papers/silver2016mastering"))!.Bibtex);
        Assert.Equal(preprint, (await client.GetFromJsonAsync<PaperDetail>("/api/v1/papers/1706.03762"))!.Bibtex);
    }

    [Fact]
    public async Task AListOfKeysExportsInTheOrderGiven()
    {
        var client = await app.MemberAsync("list-exporter");
        await client.AddedAsync("1706.03762");
        await client.AddedAsync("1609.03499");

        var bib = await client.GetStringAsync("/api/v1/papers/bibtex?keys=1609.03499,1706.03762,no-such-paper");
        var posted = await (await client.PostAsJsonAsync("/api/v1/papers/bibtex", new BibtexExportRequest(["1609.03499", "1706.03762"]))).Content.ReadAsStringAsync();

        Assert.Equal(["oord2016wavenet", "vaswani2017attention"], BibtexParser.Parse(bib).Entries.Select(e => e.Key));
        Assert.Equal(bib, posted);
        Assert.Contains("van den Oord, Aäron", bib);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/papers/bibtex")).StatusCode);
    }

    [Fact]
    public async Task AVenueYearExportsItsPapers()
    {
        var client = await app.MemberAsync("venue-exporter");
        await client.AddedAsync("@inproceedings{v1, title = {Venue Year One}, author = {Ann Export}, booktitle = {ICLR}, year = 2016}");
        await client.AddedAsync("@inproceedings{v2, title = {Venue Year Two}, author = {Ben Export}, booktitle = {International Conference on Learning Representations}, year = 2016}");
        await client.AddedAsync("@inproceedings{v3, title = {Another Year}, author = {Cat Export}, booktitle = {ICLR}, year = 2017}");

        var bib = await client.GetStringAsync("/api/v1/venues/iclr/2016/bibtex");

        var entries = BibtexParser.Parse(bib).Entries;
        Assert.Equal(["export2016venue", "export2016venueb"], entries.Select(e => e.Key).Order());
        Assert.All(entries, e => Assert.Equal("inproceedings", e.Type));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/venues/nowhere/2016/bibtex")).StatusCode);
    }

    [Fact]
    public async Task APersonsSummarizedPapersExportWithoutTheirAnonymousOnes()
    {
        var client = await app.MemberAsync("summarizer-export");
        await app.Api.WithDbAsync(async db =>
        {
            var user = await TestData.UserAsync(db, "bib-writer");
            var named = await TestData.PaperAsync(db, "named2020paper", "Named Paper", null, 2020, "Someone Named");
            var hidden = await TestData.PaperAsync(db, "anon2020paper", "Anonymous Paper", null, 2020, "Someone Hidden");
            await TestData.SummaryAsync(db, named, user, "<p>named</p>");
            await TestData.SummaryAsync(db, hidden, user, "<p>anonymous</p>", anonymous: true);
        });

        var bib = await client.GetStringAsync("/api/v1/users/bib-writer/bibtex");

        Assert.Contains("Named Paper", bib);
        Assert.DoesNotContain("Anonymous Paper", bib);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/users/nobody-here/bibtex")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownPaperHasNoBibtex()
    {
        var response = await app.Api.CreateClient().GetAsync("/api/v1/papers/no-such-paper/bibtex");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
