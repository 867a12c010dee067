using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Search;

/// <summary>
/// Search relevance and filters, run twice: as narrow queries (every match read through the index) and as if every
/// word were in most papers (papers walked in popularity order), so both ways of finding candidates answer alike.
/// </summary>
public abstract class SearchApiTests(ApiFactory app)
{
    async Task<SearchResults> SearchAsync(string query)
    {
        await SearchData.EnsureAsync(app);
        var response = await app.CreateClient().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SearchResults>())!;
    }

    static List<string> Keys(SearchResults r) => [.. r.Items.Select(i => i.Key)];

    [Fact]
    public async Task AnExactTitleMatchRanksFirst()
    {
        var results = await SearchAsync("attention is all you need");

        Assert.Equal("1706.03762", results.Items[0].Key);
        Assert.Contains("att-survey", Keys(results));
        Assert.Equal("Attention Is All You Need", results.Items[0].Title);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer"], results.Items[0].Authors.Select(a => a.Name));
        Assert.Equal("neurips", results.Items[0].Venue?.Slug);
    }

    [Fact]
    public async Task AQuotedPhraseMatchesOnlyThePhrase()
    {
        Assert.Equal(["1406.2661"], Keys(await SearchAsync("\"generative adversarial networks\"")));
        Assert.Equal(["1406.2661", "adv-examples"], Keys(await SearchAsync("generative adversarial networks")).Order());
    }

    [Fact]
    public async Task MinusExcludesAndOrWidens()
    {
        Assert.Equal(["1406.2661"], Keys(await SearchAsync("adversarial -examples")));
        Assert.Equal(["quokka", "wombat"], Keys(await SearchAsync("quokka OR wombat")).Order());
        Assert.Empty(Keys(await SearchAsync("quokka wombat")));
    }

    [Fact]
    public async Task AuthorsAbstractsAndSummariesAreSearchedWithStemming()
    {
        Assert.Equal(["1406.2661"], Keys(await SearchAsync("goodfellow")));
        Assert.Equal(["1406.2661"], Keys(await SearchAsync("discriminators")));
        Assert.Equal(["1406.2661"], Keys(await SearchAsync("minimax")));
    }

    [Fact]
    public async Task SnippetsHighlightMatchesAndEscapeEverythingElse()
    {
        var hit = Assert.Single((await SearchAsync("tokenization")).Items);

        Assert.Contains("<mark>tokenization</mark>", hit.SnippetHtml);
        Assert.Contains("&amp; friends", hit.SnippetHtml);
        Assert.DoesNotContain("<script", hit.SnippetHtml);
        Assert.DoesNotContain('<', hit.SnippetHtml.Replace("<mark>", "").Replace("</mark>", ""));
    }

    [Fact]
    public async Task HiddenPapersAndUnpublishedSummariesAreNeverFound()
    {
        Assert.Equal(["quokka"], Keys(await SearchAsync("quokka")));
        Assert.Equal(0, (await SearchAsync("platypus")).Total);
        Assert.Equal(0, (await SearchAsync("echidna")).Total);
    }

    [Fact]
    public async Task FiltersNarrowTheResultsAndFacetsCountWithinTheOtherFilters()
    {
        await SearchData.EnsureAsync(app);
        var client = app.CreateClient();

        var icml = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&venue=icml");
        var early = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&from=2010&to=2015");
        var summarized = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&summarized=true");
        var waiting = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&summarized=false");

        Assert.Equal(["adv-examples"], Keys(icml!));
        Assert.Equal(1, icml!.Total);
        // The venue as people write it (the filter box is free text): the same venue.
        var written = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&venue=%20ICML%20");
        Assert.Equal(["adv-examples"], Keys(written!));
        Assert.Equal(["1406.2661"], Keys(early!));
        Assert.Equal(["1406.2661"], Keys(summarized!));
        Assert.Equal(["adv-examples"], Keys(waiting!));
        // A venue chosen: the venues still all show (their counts are what choosing each would give), while the
        // years and the summary counts are that venue's, so no facet leads to "0 papers".
        var facets = icml.Facets!;
        Assert.Equal([("icml", 1), ("neurips", 1)], facets.Venues.Select(v => (v.Slug, v.Count)).Order());
        Assert.Equal([(2017, 1)], facets.Years.Select(y => (y.Year, y.Count)));
        Assert.Equal((0, 1), (facets.WithSummary, facets.WithoutSummary));

        // Years chosen: the venue counts are within those years; the year counts still show every year.
        Assert.Equal([("neurips", 1)], early!.Facets!.Venues.Select(v => (v.Slug, v.Count)));
        Assert.Equal([(2017, 1), (2014, 1)], early.Facets.Years.Select(y => (y.Year, y.Count)));
        Assert.Equal((1, 0), (early.Facets.WithSummary, early.Facets.WithoutSummary));

        // Each facet count is what following it shows.
        var both = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=adversarial&venue=icml&from=2017&to=2017");
        Assert.Equal(facets.Years.Single().Count, both!.Total);
        Assert.Equal(facets.WithoutSummary, waiting!.Items.Count(i => i.Venue?.Slug == "icml"));
    }

    /// <summary>The search page's downloads hold what the page lists: the query with its filters, not every venue and year.</summary>
    [Fact]
    public async Task TheSearchExportsKeepThePagesFilters()
    {
        await SearchData.EnsureAsync(app);
        var client = app.CreateClient();

        var all = await client.GetStringAsync("/api/v1/search/bibtex?q=adversarial");
        var icml = await client.GetStringAsync("/api/v1/search/bibtex?q=adversarial&venue=icml");
        var early = await client.GetStringAsync("/api/v1/search/csl?q=adversarial&from=2010&to=2015&summarized=true");
        Assert.Contains("Adversarial Examples for Generative Models", all);
        Assert.Contains("Generative Adversarial Networks", all);
        Assert.Contains("Adversarial Examples for Generative Models", icml);
        Assert.DoesNotContain("Generative Adversarial Networks", icml);
        Assert.Contains("Generative Adversarial Networks", early);
        Assert.DoesNotContain("Adversarial Examples", early);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/search/ris?q=adversarial&venue=no-such-venue")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/search/ris?q=adversarial&from=2020&to=2010")).StatusCode);
    }

    [Fact]
    public async Task AQueryThatFindsNothingOffersTheCorrectedQueryWhenThatFindsPapers()
    {
        var misspelt = await SearchAsync("attenton");
        Assert.Equal(0, misspelt.Total);
        Assert.Equal("attention", misspelt.DidYouMean);
        Assert.NotEqual(0, (await SearchAsync(misspelt.DidYouMean!)).Total);

        Assert.Null((await SearchAsync("qwxzvbnmlk")).DidYouMean);
        Assert.Null((await SearchAsync("attention")).DidYouMean);

        // A word's marks stay where they were: a phrase keeps its quotes (an excluded word its minus, likewise).
        Assert.Equal("\"attention\"", (await SearchAsync("\"attenton\"")).DidYouMean);
        Assert.Equal("\"attention is\"", (await SearchAsync("\"attenton is\"")).DidYouMean);
    }

    [Fact]
    public async Task ResultsPageWithoutGapsOrRepeats()
    {
        var first = await SearchAsync("pangolin");
        var second = await app.CreateClient().GetFromJsonAsync<SearchResults>($"/api/v1/search?q=pangolin&cursor={first.NextCursor}");

        Assert.Equal(25, first.Total);
        Assert.Equal(20, first.Items.Count);
        Assert.Null(second!.NextCursor);
        Assert.Equal(25, Keys(first).Concat(Keys(second)).Distinct().Count());
        Assert.Equal(25, first.Facets!.Years.Sum(y => y.Count));
    }

    [Theory]
    [InlineData("1706.03762")]
    [InlineData("https://arxiv.org/abs/1706.03762v2")]
    [InlineData("arXiv:1706.03762")]
    [InlineData("https://doi.org/10.5555/ATTENTION.2017")]
    public async Task AnArxivIdOrDoiGoesStraightToThePaper(string query)
    {
        var results = await SearchAsync(query);

        Assert.Equal("1706.03762", results.PaperKey);
        Assert.NotNull(results.Identifier);
    }

    [Fact]
    public async Task AnUnknownIdentifierIsNamedSoThePersonCanAddIt()
    {
        var results = await SearchAsync("2401.99999");

        Assert.Equal(("arXiv:2401.99999", null), (results.Identifier, results.PaperKey));
    }

    [Fact]
    public async Task SuggestionsOfferTitlesAndAuthorsAsYouType()
    {
        await SearchData.EnsureAsync(app);
        var client = app.CreateClient();

        var titles = await client.GetFromJsonAsync<List<Suggestion>>("/api/v1/search/suggest?q=atten");
        var authors = await client.GetFromJsonAsync<List<Suggestion>>("/api/v1/search/suggest?q=vasw");
        var typo = await client.GetFromJsonAsync<List<Suggestion>>("/api/v1/search/suggest?q=Quoka Countng");
        var tooShort = await client.GetFromJsonAsync<List<Suggestion>>("/api/v1/search/suggest?q=at");

        Assert.Equal(["Attention Is All You Need", "Attention Mechanisms Everywhere"], titles!.Where(s => s.Kind == "paper").Select(s => s.Text).Order());
        Assert.Contains(titles!, s => s.Url == "/papers/1706.03762");
        Assert.Equal(new Suggestion("author", "Ashish Vaswani", "/authors/ashish-vaswani"), Assert.Single(authors!));
        Assert.Contains(typo!, s => s.Url == "/papers/quokka");
        Assert.Empty(tooShort!);

        // A long paste cut where an emoji straddles the cut is not half a character sent to PostgreSQL (it was a 500).
        foreach (var cut in new[] { 98, 99, 100 })
        {
            var response = await client.GetAsync("/api/v1/search/suggest?q=" + Uri.EscapeDataString(new string('a', cut) + "😀 attention"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("1706.03762")]
    [InlineData("journals/corr/1706.03762")]
    [InlineData("journals/corr/abs-1706-03762")]
    [InlineData("conf/nips/VaswaniSPUJGKP17")]
    [InlineData("10.5555/attention.2017")]
    public async Task OldShortScienceKeysFindThePaper(string id)
    {
        await SearchData.EnsureAsync(app);

        var found = await app.CreateClient().GetFromJsonAsync<PaperLookup>($"/api/v1/lookup/paper?id={Uri.EscapeDataString(id)}");

        Assert.Equal("1706.03762", found!.Key);
    }

    [Fact]
    public async Task LookupsOfUnknownOrHiddenThingsAre404()
    {
        await SearchData.EnsureAsync(app);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/lookup/paper?id=hidden-quokka")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/lookup/venue?key=nowhere")).StatusCode);
        Assert.Equal("neurips", (await client.GetFromJsonAsync<VenueRef>("/api/v1/lookup/venue?key=NIPS"))!.Slug);
        Assert.Equal("neurips", (await client.GetFromJsonAsync<VenueRef>("/api/v1/lookup/venue?key=NeurIPS"))!.Slug);
        // A name of many parts is looked up in one go, and one longer than any venue's name is refused outright.
        var parts = string.Join(",", Enumerable.Range(0, 60).Select(i => $"x{i}"));
        Assert.Equal("neurips", (await client.GetFromJsonAsync<VenueRef>($"/api/v1/lookup/venue?key={parts},NIPS"))!.Slug);
        var tooLong = await client.GetAsync($"/api/v1/lookup/venue?key={string.Join(",", Enumerable.Range(0, 2000).Select(i => $"v{i}"))}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class NarrowSearchTests(ApiFactory app) : SearchApiTests(app), IClassFixture<ApiFactory>;

public sealed class BroadSearchTests : SearchApiTests, IClassFixture<ApiFactory>
{
    public BroadSearchTests(ApiFactory app) : base(app)
    {
        app.Settings["Search:BroadFactor"] = "0";
        app.Settings["Search:BroadMinimum"] = "0";
    }
}
