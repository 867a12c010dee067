using Microsoft.EntityFrameworkCore;

namespace ShortScience.Api.Tests.Search;

/// <summary>
/// Search picks its strategy from PostgreSQL's estimate of how many papers match (SearchPlanner). That estimate is only
/// as good as the lexeme statistics: at the default target a word in 3% of 300,000 papers was guessed at 0.5% and read
/// match by match (bench/bench.sh measured the difference). A squashed or rewritten migration must keep the setting.
/// </summary>
public sealed class SearchStatisticsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheSearchVectorsKeepTenTimesTheDefaultStatistics()
    {
        var target = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT attstattarget::int AS \"Value\" FROM pg_attribute WHERE attrelid = 'papers'::regclass AND attname = 'search_vector'")
            .SingleAsync());

        Assert.Equal(1000, target);
    }
}
