using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Browse;

public sealed class SitemapApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SitemapListsSummarizedVisiblePapersAndTheBrowsingPages()
    {
        await app.WithDbAsync(async db =>
        {
            var acl = await TestData.VenueAsync(db, "ACL", "Annual Meeting of the ACL");
            var ada = await TestData.UserAsync(db, "map-ada");
            var summarized = await TestData.PaperAsync(db, "map-1", "Summarized", acl, 2019);
            await TestData.SummaryAsync(db, summarized, ada, "<p>x</p>");
            await TestData.PaperAsync(db, "map-2", "Not summarized", acl, 2018);
            var hidden = await TestData.PaperAsync(db, "map-3", "Hidden", acl, 2017);
            await TestData.SummaryAsync(db, hidden, ada, "<p>y</p>");
            await db.Papers.Where(p => p.Key == "map-3").ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, ContentStatus.Hidden));
        });
        var client = app.CreateClient();

        var index = await client.GetFromJsonAsync<SitemapIndex>("/api/v1/sitemap");
        var papers = new List<SitemapEntry>();
        for (var part = 0; part < index!.PaperParts; part++)
        {
            papers.AddRange((await client.GetFromJsonAsync<List<SitemapEntry>>($"/api/v1/sitemap/papers/{part}"))!);
        }
        var pages = await client.GetFromJsonAsync<List<SitemapEntry>>("/api/v1/sitemap/pages");

        Assert.Equal(["/papers/map-1"], papers.Select(p => p.Path));
        Assert.NotNull(papers[0].LastModified);
        Assert.Contains(pages!, p => p.Path == "/venues/acl/2019");
        Assert.Contains(pages!, p => p.Path == "/years/2019");
        Assert.DoesNotContain(pages!, p => p.Path is "/venues/acl/2018" or "/venues/acl/2017");
    }
}
