using System.Net;
using System.Net.Http.Json;
using ShortScience.Api.Venues;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Venues;

public sealed class VenuesApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task VenueListCountsPapersAndPublishedSummaries()
    {
        await app.WithDbAsync(async db =>
        {
            var iclr = await TestData.VenueAsync(db, "ICLR", "International Conference on Learning Representations");
            await TestData.VenueAsync(db, "ACL", "Annual Meeting of the Association for Computational Linguistics");
            var adam = await TestData.PaperAsync(db, "1412.6980", "Adam", iclr, 2015);
            await TestData.PaperAsync(db, "1312.6114", "Auto-Encoding Variational Bayes", iclr, 2014);
            await TestData.SummaryAsync(db, adam, await TestData.UserAsync(db, "v1"), "<p>a</p>");
            await TestData.SummaryAsync(db, adam, await TestData.UserAsync(db, "v2"), "<p>b</p>");
        });

        var venues = await app.CreateClient().GetFromJsonAsync<List<VenueListItem>>("/api/v1/venues");

        Assert.NotNull(venues);
        var iclr = Assert.Single(venues, v => v.Slug == "iclr");
        Assert.Equal((2, 2), (iclr.PaperCount, iclr.SummaryCount));
        var acl = Assert.Single(venues, v => v.Slug == "acl");
        Assert.Equal((0, 0), (acl.PaperCount, acl.SummaryCount));
    }

    [Fact]
    public async Task VenueDetailListsYearsNewestFirst()
    {
        await app.WithDbAsync(async db =>
        {
            var icml = await TestData.VenueAsync(db, "ICML", "International Conference on Machine Learning");
            await TestData.PaperAsync(db, "y1", "Y1", icml, 2015);
            await TestData.PaperAsync(db, "y2", "Y2", icml, 2017);
            await TestData.PaperAsync(db, "y3", "Y3", icml, 2017);
        });

        var venue = await app.CreateClient().GetFromJsonAsync<VenueDetail>("/api/v1/venues/icml");

        Assert.Equal([(2017, 2), (2015, 1)], venue!.Years.Select(y => (y.Year, y.PaperCount)));
    }

    [Fact]
    public async Task UnknownVenueIs404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/venues/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
