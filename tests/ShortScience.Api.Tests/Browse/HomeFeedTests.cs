using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Browse;

public sealed class HomeFeedTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryTabFiltersByField()
    {
        await app.WithDbAsync(async db =>
        {
            var ada = await TestData.UserAsync(db, "field-ada");
            foreach (var (key, field) in new[] { ("f-cs", "cs"), ("f-stat", "stat"), ("f-bio", "q-bio") })
            {
                var paper = await TestData.PaperAsync(db, key, $"Paper in {field}");
                paper.Field = field;
                await db.SaveChangesAsync();
                var summary = await TestData.SummaryAsync(db, paper, ada, $"<p>{field}</p>", score: 5);
                db.SummaryDailyStats.Add(new SummaryDailyStat { SummaryId = summary.Id, Day = DateOnly.FromDateTime(DateTime.UtcNow), Views = 3 });
            }
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();

        foreach (var sort in new[] { "popular", "recent", "best" })
        {
            var page = await client.GetFromJsonAsync<Page<SummaryListItem>>($"/api/v1/summaries?sort={sort}&field=stat");
            Assert.Equal("f-stat", Assert.Single(page!.Items).Paper.Key);
        }
    }

    [Fact]
    public async Task RandomSummaryIsAlwaysAPublishedSummaryOfAVisiblePaper()
    {
        var unpublished = await app.WithDbAsync(async db =>
        {
            var users = new List<User>();
            for (var u = 0; u < 3; u++) users.Add(await TestData.UserAsync(db, $"rnd-{u}"));
            var visible = await TestData.PaperAsync(db, "rnd-visible", "Visible");
            await TestData.SummaryAsync(db, visible, users[0], "<p>pick me</p>");
            var bad = new List<long>
            {
                (await TestData.SummaryAsync(db, visible, users[1], "<p>hidden</p>", status: SummaryStatus.Hidden)).Id,
                (await TestData.SummaryAsync(db, visible, users[2], "<p>deleted</p>", status: SummaryStatus.Deleted)).Id,
            };
            var hidden = await TestData.PaperAsync(db, "rnd-hidden", "Hidden paper");
            bad.Add((await TestData.SummaryAsync(db, hidden, users[0], "<p>on a hidden paper</p>")).Id);
            await db.Papers.Where(p => p.Key == "rnd-hidden").ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, ContentStatus.Hidden));
            return bad;
        });
        var client = app.CreateClient();

        for (var i = 0; i < 25; i++)
        {
            var response = await client.GetAsync("/api/v1/summaries/random");
            var pick = await response.Content.ReadFromJsonAsync<RandomSummary>();
            Assert.DoesNotContain(pick!.SummaryId, unpublished);
            Assert.Equal($"/papers/{pick.PaperKey}#summary-{pick.SummaryId}", pick.Url);
            Assert.NotEqual("rnd-hidden", pick.PaperKey);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }
}
