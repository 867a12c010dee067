using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Papers;

public sealed class PapersApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task GettingAPaperReturnsItsMetadataAuthorsInOrderAndSummariesByScore()
    {
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "NeurIPS", "Neural Information Processing Systems");
            var paper = await TestData.PaperAsync(db, "1706.03762", "Attention Is All You Need", venue, 2017,
                "Ashish Vaswani", "Noam Shazeer", "Niki Parmar");
            var ada = await TestData.UserAsync(db, "ada");
            var bo = await TestData.UserAsync(db, "bo");
            await TestData.SummaryAsync(db, paper, ada, "<p>Low score</p>", score: 1);
            await TestData.SummaryAsync(db, paper, bo, "<p>High score</p>", score: 9, anonymous: true);
        });

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/1706.03762");

        Assert.NotNull(paper);
        Assert.Equal("Attention Is All You Need", paper.Title);
        Assert.Equal(["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"], paper.Authors.Select(a => a.Name));
        Assert.Equal("neurips", paper.Venue?.Slug);
        Assert.Equal(2017, paper.Year);
        Assert.Equal(["<p>High score</p>", "<p>Low score</p>"], paper.Summaries.Select(s => s.Html));
        Assert.Null(paper.Summaries[0].Author);
        Assert.True(paper.Summaries[0].Anonymous);
        Assert.Equal("ada", paper.Summaries[1].Author?.UserName);
    }

    [Fact]
    public async Task GettingAnUnknownPaperReturnsProblemDetails404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/papers/no-such-paper");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("no-such-paper", problem?.Detail);
    }

    [Fact]
    public async Task DraftHiddenAndDeletedSummariesAreNotShownOnThePaper()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "hidden-summaries", "A paper with unpublished summaries");
            foreach (var status in new[] { SummaryStatus.Draft, SummaryStatus.Hidden, SummaryStatus.Deleted })
            {
                var user = await TestData.UserAsync(db, $"u-{status}");
                await TestData.SummaryAsync(db, paper, user, $"<p>{status}</p>", status: status);
            }
        });

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/hidden-summaries");

        Assert.NotNull(paper);
        Assert.Empty(paper.Summaries);
    }

    [Fact]
    public async Task ListingPapersPagesWithACursorWithoutRepeatsOrGaps()
    {
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "PAGE", "Pagination Conference");
            for (var i = 0; i < 7; i++) await TestData.PaperAsync(db, $"page-{i}", $"Paged paper {i}", venue, 2020);
        });
        var client = app.CreateClient();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/papers?venue=page&limit=3" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await client.GetFromJsonAsync<Page<PaperListItem>>(url);
            seen.AddRange(page!.Items.Select(p => p.Key));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"page-{i}"), seen);
    }

    [Fact]
    public async Task ListingPapersFiltersByVenueYearAndAuthor()
    {
        await app.WithDbAsync(async db =>
        {
            var icml = await TestData.VenueAsync(db, "ICMLF", "Filter Conference");
            await TestData.PaperAsync(db, "f-2015", "Filter 2015", icml, 2015, "Sergey Ioffe");
            await TestData.PaperAsync(db, "f-2016", "Filter 2016", icml, 2016, "Aäron van den Oord");
        });
        var client = app.CreateClient();

        var byYear = await client.GetFromJsonAsync<Page<PaperListItem>>("/api/v1/papers?venue=icmlf&year=2016");
        var byAuthor = await client.GetFromJsonAsync<Page<PaperListItem>>("/api/v1/papers?author=aaron-van-den-oord");

        Assert.Equal(["f-2016"], byYear!.Items.Select(p => p.Key));
        Assert.Equal(["f-2016"], byAuthor!.Items.Select(p => p.Key));
    }

    [Theory]
    [InlineData("/api/v1/papers?cursor=not-a-cursor")]
    [InlineData("/api/v1/papers?sort=sideways")]
    [InlineData("/api/v1/papers?year=twenty")]
    public async Task BadListParametersReturnProblemDetails400(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
