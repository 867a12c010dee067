using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

public sealed class AddPaperTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Fact]
    public async Task AddingByArxivIdCreatesThePaperFromArxiv()
    {
        var client = await app.MemberAsync("arxiv-adder");

        var response = await client.AddAsync("1706.03762v7");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/papers/1706.03762", response.Headers.Location?.ToString());
        var added = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!;
        Assert.Equal("created", added.Outcome);
        var paper = added.Paper;
        Assert.Equal(("1706.03762", "Attention Is All You Need", "1706.03762", 2017), (paper.Key, paper.Title, paper.ArxivId, paper.Year));
        Assert.Equal(8, paper.Authors.Count);
        Assert.Equal(new AuthorRef("Ashish Vaswani", "ashish-vaswani"), paper.Authors[0]);
        Assert.Equal("arxiv", paper.Venue?.Slug);
        Assert.Equal("https://arxiv.org/pdf/1706.03762", paper.PdfUrl);
        Assert.Equal("vaswani2017attention", paper.BibtexKey);
    }

    [Fact]
    public async Task AnOldStyleArxivIdBecomesAOneSegmentKey()
    {
        var client = await app.MemberAsync("old-style");

        var added = await client.AddedAsync("https://arxiv.org/abs/hep-th/9901001v3");

        Assert.Equal(("hep-th-9901001", "hep-th/9901001"), (added.Paper.Key, added.Paper.ArxivId));
        Assert.Equal("10.1016/s0550-3213(99)00125-x", added.Paper.Doi);
        var page = await client.GetFromJsonAsync<PaperDetail>("/api/v1/papers/hep-th-9901001");
        Assert.Equal("Boundary Conditions for Open Strings on Curved Branes", page!.Title);
    }

    [Fact]
    public async Task AddingAnArxivPaperAgainAnswersWithTheExistingPaper()
    {
        var client = await app.MemberAsync("repeater");
        await client.AddedAsync("1609.03499");

        var response = await client.AddAsync("https://arxiv.org/pdf/1609.03499v1.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!;
        Assert.Equal(("unchanged", "1609.03499"), (again.Outcome, again.Paper.Key));
        Assert.Equal(1, await app.Api.WithDbAsync(db => db.Papers.CountAsync(p => p.ArxivId == "1609.03499")));
    }

    [Fact]
    public async Task GarbledAuthorNamesFromUpstreamAreRepaired()
    {
        var client = await app.MemberAsync("mojibake");
        var added = await client.AddedAsync("arXiv:1609.03499");
        Assert.Equal(new AuthorRef("Aäron van den Oord", "aaron-van-den-oord"), added.Paper.Authors[0]);
    }

    [Fact]
    public async Task AddingByDoiReadsCrossref()
    {
        var client = await app.MemberAsync("doi-adder");

        var response = await client.AddAsync("https://doi.org/10.1038/nature16961");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var paper = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        Assert.Equal(("silver2016mastering", "10.1038/nature16961", "nature", 2016), (paper.Key, paper.Doi, paper.Venue?.Slug, paper.Year));
        Assert.StartsWith("The game of Go", paper.Abstract);
        Assert.Equal("George van den Driessche", paper.Authors[5].Name);
    }

    [Fact]
    public async Task ADoiCrossrefDoesNotKnowIsLookedUpAtDataCite()
    {
        var client = await app.MemberAsync("datacite");

        var added = await client.AddedAsync("10.5281/zenodo.3242074");

        Assert.Equal(("muller2019layer", "Zenodo"), (added.Paper.Key, added.Paper.Venue?.ShortName));
        Assert.Equal("Klaus-Robert Müller", added.Paper.Authors[0].Name);
        // Crossref was asked first and did not know it.
        Assert.True(app.Upstream.RequestsFor("10.5281/zenodo.3242074") >= 2);
    }

    [Fact]
    public async Task AnArxivPreprintLaterAddedByItsDoiIsOnePaperWithTheConferenceVenue()
    {
        var client = await app.MemberAsync("preprint-then-doi");
        var preprint = await client.AddedAsync("1512.03385");
        Assert.Equal(("arxiv", 2015), (preprint.Paper.Venue?.Slug, preprint.Paper.Year));

        // A moderator's import writes the new venue and year (a member's fills them in too: ImportTrustTests).
        var moderator = await app.ModeratorAsync("preprint-then-doi-moderator");
        var response = await moderator.AddAsync("10.1109/CVPR.2016.90");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!;
        Assert.Equal("merged", merged.Outcome);
        Assert.Equal(("1512.03385", "cvpr", 2016, "10.1109/cvpr.2016.90"), (merged.Paper.Key, merged.Paper.Venue?.Slug, merged.Paper.Year, merged.Paper.Doi));
        Assert.Contains("venue: arXiv → CVPR", merged.Changes);
        Assert.Equal(1, await app.Api.WithDbAsync(db => db.Papers.CountAsync(p => p.NormalizedTitle == "deep residual learning for image recognition")));
    }

    [Fact]
    public async Task APastedBibtexEntryIsDecodedAndItsVenueMatchedToTheCatalogue()
    {
        var client = await app.MemberAsync("bibtex-paster");
        const string bib = """
            @inproceedings{whatever2017,
              author    = {Sch{\"o}lkopf, Bernhard and M{\"u}ller, Klaus{-}Robert and AÃ¤ron van den Oord and others},
              title     = {{K}ernel {M}ethods for {\emph{Structured}} Data -- A Survey},
              booktitle = {Advances in Neural Information Processing Systems 30 (NIPS 2017)},
              year      = 2017,
              month     = dec,
              keywords  = {kernels; structured data},
            }
            """;

        var added = await client.AddedAsync(bib);

        var paper = added.Paper;
        Assert.Equal("Kernel Methods for Structured Data – A Survey", paper.Title);
        Assert.Equal(["Bernhard Schölkopf", "Klaus-Robert Müller", "Aäron van den Oord"], paper.Authors.Select(a => a.Name));
        Assert.Equal(("scholkopf2017kernel", "neurips", 2017), (paper.Key, paper.Venue?.Slug, paper.Year));
        Assert.Equal(["kernels", "structured data"], paper.Keywords);
        Assert.Equal(new DateOnly(2017, 12, 1), paper.PublishedOn);
    }

    [Fact]
    public async Task TheSameTitleAndYearAgainAddsOnlyTheMissingFacts()
    {
        var client = await app.MemberAsync("merger");
        var first = await client.AddAsync(new ManualPaper("Sparse Coding of Natural Scenes", ["Ada Lovelace"], "ICML", 2019));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await client.AddedAsync("""
            @article{other, title = {Sparse coding of natural scenes.}, author = {Lovelace, Ada},
              journal = {Journal of Machine Learning Research}, year = {2019},
              abstract = {We look at sparse codes.}, keywords = {sparsity}}
            """);

        Assert.Equal("merged", again.Outcome);
        Assert.Equal(("Sparse Coding of Natural Scenes", "icml"), (again.Paper.Title, again.Paper.Venue?.Slug));
        Assert.Equal(("We look at sparse codes.", "sparsity"), (again.Paper.Abstract, again.Paper.Keywords.Single()));
    }

    [Fact]
    public async Task AManualPaperGetsACitationKeyMadeUniqueWithALetter()
    {
        var client = await app.MemberAsync("manual");
        var a = await client.AddAsync(new ManualPaper("Towards Understanding Widgets", ["Grace Hopper"], "Proceedings of the 3rd Widget Symposium (WS 2021)", 2021));
        var b = await client.AddAsync(new ManualPaper("Understanding Widgets Better", ["Hopper, Grace"], null, 2021, Url: "https://example.org/w"));

        var first = (await a.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        var second = (await b.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        Assert.Equal(("hopper2021understanding", "hopper2021understandingb"), (first.Key, second.Key));
        Assert.Equal(("Widget Symposium (WS)", "WS"), (first.Venue?.Name, first.Venue?.ShortName));
        Assert.Equal(first.Authors[0].Slug, second.Authors[0].Slug);
    }

    [Fact]
    public async Task EveryKeywordBecomesATagWithAnAddressOfItsOwn()
    {
        // "." and ".." would link to /tags/. and /tags/.., which every browser reads as a step up the address.
        var client = await app.MemberAsync("tag-punctuation");
        var moderator = await app.ModeratorAsync("tag-punctuation-mod");
        var added = (await (await client.AddAsync(new ManualPaper("Tags of every shape", ["Ada Lovelace"], null, 2021,
            Keywords: [".", "..", "!!!", "C++", "\u2207", "machine/learning", "\u65E5\u672C\u8A9E", "$", "schema.JSON", "node.js", "refs.bib"]))).Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        // "schema.json" would link to the download of the tag "schema": its ending's dot becomes a space.
        Assert.Equal(["C++", "\u2207", "machine/learning", "\u65E5\u672C\u8A9E", "$", "schema JSON", "node.js", "refs bib"], added.Keywords);

        var edited = await moderator.PatchAsJsonAsync($"/api/v1/papers/{added.Key}", new PaperEditRequest(new PaperChanges(Keywords: ["..", "GANs", "-", "x.ris"])));
        edited.EnsureSuccessStatusCode();
        Assert.Equal(["GANs", "x ris"], (await client.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{added.Key}"))!.Keywords);
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("   ", "title")]
    public async Task AManualPaperNeedsATitle(string title, string parameter)
    {
        var client = await app.MemberAsync($"untitled{title.Length}");
        var response = await client.AddAsync(new ManualPaper(title));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.ProblemAsync()).Extensions["parameter"]?.ToString());
    }

    [Theory]
    [InlineData("attention is all you need")]
    [InlineData("@article{k, title = {Never closed}")]
    [InlineData("@article{a, title={A}}\n@article{b, title={B}}")]
    public async Task InputThatNamesNoPaperIsABadRequestThatSaysWhatToPaste(string input)
    {
        var client = await app.MemberAsync($"bad{Math.Abs(input.GetHashCode() % 100000)}");
        var response = await client.AddAsync(input);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.ProblemAsync()).Detail));
    }

    [Fact]
    public async Task AnonymousVisitorsCannotAddPapers()
    {
        var response = await app.Api.CreateClient().AddAsync("1706.03762");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
