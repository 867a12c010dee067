using System.Net;
using System.Net.Http.Json;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Import;

/// <summary>Adding a paper already here needs neither arXiv nor Crossref: it is found by its id in any form.</summary>
public sealed class OfflineAddTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Theory]
    [InlineData("1511.06434")]
    [InlineData("arXiv:1511.06434v2")]
    [InlineData("https://arxiv.org/abs/1511.06434v1")]
    [InlineData("https://arxiv.org/pdf/1511.06434v2")]
    [InlineData("http://export.arxiv.org/pdf/1511.06434.pdf")]
    [InlineData("10.5555/OFFLINE.1")]
    [InlineData("https://doi.org/10.5555/offline.1")]
    [InlineData("doi:10.5555/Offline.1")]
    public async Task AKnownArxivIdOrDoiLandsOnThePaperWithoutAskingTheOutsideService(string input)
    {
        await app.Api.WithDbAsync(async db =>
        {
            if (db.Papers.Any(p => p.Key == "radford2015unsupervised")) return;
            var paper = await TestData.PaperAsync(db, "radford2015unsupervised", "Unsupervised Representation Learning with DCGANs", null, 2015, "Alec Radford");
            paper.ArxivId = "1511.06434";
            paper.Doi = "10.5555/offline.1";
            await db.SaveChangesAsync();
        });
        // Were the services asked, they would fail.
        app.Upstream.Answer("1511.06434", Enumerable.Repeat(new FakeAnswer(503, "text/plain", "down"), 5).ToArray());
        app.Upstream.Answer("10.5555/offline.1", Enumerable.Repeat(new FakeAnswer(503, "text/plain", "down"), 5).ToArray());
        var client = await app.MemberAsync("offline-" + Math.Abs(input.GetHashCode() % 100000));

        var response = await client.AddAsync(input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<Contracts.AddPaperResponse>())!;
        Assert.Equal("radford2015unsupervised", added.Paper.Key);
        Assert.Equal("unchanged", added.Outcome);
        Assert.Equal(0, app.Upstream.RequestsFor("1511.06434"));
        Assert.Equal(0, app.Upstream.RequestsFor("10.5555/offline.1"));
    }

    [Fact]
    public async Task AnUnknownIdWhenTheServiceIsDownPointsToTheFormByHand()
    {
        var client = await app.MemberAsync("offline-unknown");
        app.Upstream.Answer("2003.00003", Enumerable.Repeat(new FakeAnswer(503, "text/plain", "down"), 5).ToArray());

        var response = await client.AddAsync("2003.00003");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("by hand", (await response.ProblemAsync()).Detail);
    }
}
