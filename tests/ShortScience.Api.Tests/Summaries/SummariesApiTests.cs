using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Summaries;

public sealed class SummariesApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RecentSummariesAreNewestFirstWithTheirPaperAndPageByCursor()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "R", "Recent Conference");
            for (var i = 0; i < 5; i++)
            {
                var paper = await TestData.PaperAsync(db, $"r{i}", $"Recent {i}", venue, 2020, "Author One", "Author Two");
                await TestData.SummaryAsync(db, paper, await TestData.UserAsync(db, $"r{i}"), $"<p>Summary {i}</p>", start.AddDays(i));
            }
        });
        var client = app.CreateClient();

        var first = await client.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?limit=3");
        var second = await client.GetFromJsonAsync<Page<SummaryListItem>>($"/api/v1/summaries?limit=3&cursor={first!.NextCursor}");

        Assert.Equal(["r4", "r3", "r2"], first.Items.Select(s => s.Paper.Key));
        Assert.Equal(["r1", "r0"], second!.Items.Select(s => s.Paper.Key));
        Assert.Null(second.NextCursor);
        Assert.Equal(["Author One", "Author Two"], first.Items[0].Paper.Authors.Select(a => a.Name));
        Assert.Equal("R", first.Items[0].Paper.Venue?.ShortName);
        Assert.Equal("<p>Summary 4</p>", first.Items[0].ExcerptHtml);
    }
}
