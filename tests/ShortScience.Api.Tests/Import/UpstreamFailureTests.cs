using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Import;

public sealed class UpstreamFailureTests(ImportApp app) : IClassFixture<ImportApp>
{
    Task<int> PaperCountAsync() => app.Api.WithDbAsync(db => db.Papers.CountAsync());

    [Fact]
    public async Task GarbageFromArxivIsABadGatewayAndNothingIsSaved()
    {
        var client = await app.MemberAsync("garbage");
        var before = await PaperCountAsync();
        app.Upstream.Answer("2001.00001", Enumerable.Repeat(new FakeAnswer(200, "text/html", "<html><body>Maintenance</body></html>"), 5).ToArray());

        var response = await client.AddAsync("2001.00001");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^arXiv answered with .* not an Atom feed", (await response.ProblemAsync()).Detail);
        Assert.Equal(before, await PaperCountAsync());
    }

    [Fact]
    public async Task GarbageFromCrossrefIsABadGateway()
    {
        var client = await app.MemberAsync("crossref-garbage");
        app.Upstream.Answer("10.5555/garbage", FakeAnswer.File("crossref/garbage.html"));

        var response = await client.AddAsync("doi:10.5555/garbage");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Crossref", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task AServiceThatKeepsFailingIsABadGatewayAfterRetries()
    {
        var client = await app.MemberAsync("failing");
        app.Upstream.Answer("2002.00002", Enumerable.Repeat(new FakeAnswer(503, "text/plain", "Service Unavailable"), 5).ToArray());

        var response = await client.AddAsync("2002.00002");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("arXiv answered 503", (await response.ProblemAsync()).Detail);
        Assert.Equal(3, app.Upstream.RequestsFor("2002.00002"));
    }

    [Fact]
    public async Task AShortOutageIsRiddenOutByRetrying()
    {
        var client = await app.MemberAsync("retry");
        app.Upstream.Answer("1412.6980", new FakeAnswer(503, "text/plain", "Service Unavailable"));

        var added = await client.AddedAsync("1412.6980");

        Assert.Equal(("iclr", 2015), (added.Paper.Venue?.Slug, added.Paper.Year));
        Assert.Equal(2, app.Upstream.RequestsFor("1412.6980"));
    }

    [Fact]
    public async Task AServiceThatDoesNotAnswerInTimeIsAGatewayTimeout()
    {
        var client = await app.MemberAsync("slow");
        var before = await PaperCountAsync();
        app.Upstream.Answer("2003.00003", Enumerable.Repeat(FakeAnswer.File("arxiv/1706.03762.xml", delay: TimeSpan.FromSeconds(30)), 5).ToArray());
        var watch = Stopwatch.StartNew();

        var response = await client.AddAsync("2003.00003");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer in time", (await response.ProblemAsync()).Detail);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Equal(before, await PaperCountAsync());
    }

    [Fact]
    public async Task AnIdArxivRefusesIsUnprocessable()
    {
        var client = await app.MemberAsync("refused");
        app.Upstream.Answer("2004.00004", FakeAnswer.File("arxiv/error-bad-id.xml"));

        var response = await client.AddAsync("2004.00004");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("incorrect id format", (await response.ProblemAsync()).Detail);
    }

    [Theory]
    [InlineData("2401.99999", "arXiv has no paper 2401.99999")]
    [InlineData("2312.88888", "arXiv has no paper 2312.88888")]
    [InlineData("10.5555/nothing-here", "Neither Crossref nor DataCite knows the DOI 10.5555/nothing-here")]
    public async Task AnIdentifierNoServiceKnowsIsUnprocessable(string input, string message)
    {
        var client = await app.MemberAsync($"unknown{Math.Abs(input.GetHashCode() % 10000)}");
        if (input == "2312.88888") app.Upstream.Answer(input, FakeAnswer.File("arxiv/missing-entry.xml"));

        var response = await client.AddAsync(input);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message + ".", (await response.ProblemAsync()).Detail);
    }
}

/// <summary>An API whose metadata services are nowhere (the default in tests): nothing listens there.</summary>
public sealed class UnreachableUpstreamTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("1706.03762", "arXiv could not be reached")]
    [InlineData("10.1038/nature16961", "Crossref could not be reached")]
    public async Task AnUnreachableServiceIsABadGatewayWithAReadableMessage(string input, string message)
    {
        var client = await app.MemberAsync($"offline{input.Length}");

        var response = await client.AddAsync(input);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.StartsWith(message, problem.Detail);
        Assert.Equal("The metadata service failed", problem.Title);
        Assert.Equal(0, await app.WithDbAsync(db => db.Papers.CountAsync()));
    }
}
