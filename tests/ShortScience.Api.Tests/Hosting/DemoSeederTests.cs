using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Demo;
using ShortScience.Data;

namespace ShortScience.Api.Tests.Hosting;

public sealed class DemoSeederTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DemoLoadsOnceIntoAnEmptyDatabaseAndNeverAgain()
    {
        async Task<bool> Seed()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }

        var results = await Task.WhenAll(Seed(), Seed());
        var again = await Seed();

        Assert.Equal(1, results.Count(loaded => loaded));
        Assert.False(again);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(3, await db.Venues.CountAsync());
            Assert.InRange(await db.Papers.CountAsync(), 12, 14);
            Assert.Equal(15, await db.Summaries.CountAsync());
            Assert.Equal(4, await db.Papers.Select(p => p.Year).Distinct().CountAsync());
            // Every summary points at its newest revision, whose HTML was rendered from Markdown.
            var summaries = await db.Summaries.Include(s => s.Current).ToListAsync();
            Assert.All(summaries, s => Assert.Equal(s.CurrentRevision, s.Current!.Number));
            Assert.All(summaries, s => Assert.Contains("<p>", s.Current!.Html));
            Assert.All(summaries, s => Assert.DoesNotContain("\n## ", s.Current!.Html));
            Assert.Equal(1, summaries.Count(s => s.Anonymous));
        });
    }
}
