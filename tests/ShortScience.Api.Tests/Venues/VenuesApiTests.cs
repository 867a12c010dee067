using System.Net;
using System.Net.Http.Json;
using ShortScience.Api.Venues;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

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

    /// <summary>
    /// The per-year counts are kept by a trigger as papers change; after every kind of change they equal a count over
    /// the papers themselves, and the API shows them.
    /// </summary>
    [Fact]
    public async Task YearCountsFollowEveryKindOfChangeToPapers()
    {
        var steps = new List<(string Step, Func<ShortScienceDb, Task> Change)>();
        Venue a = null!, b = null!;
        Paper p1 = null!, p2 = null!, p3 = null!, p4 = null!;
        steps.Add(("papers added", async db =>
        {
            a = await TestData.VenueAsync(db, "CountA", "Counted Venue A");
            b = await TestData.VenueAsync(db, "CountB", "Counted Venue B");
            p1 = await TestData.PaperAsync(db, "count-1", "One", a, 2015);
            p2 = await TestData.PaperAsync(db, "count-2", "Two", a, 2015);
            p3 = await TestData.PaperAsync(db, "count-3", "Three", a, 2016);
            p4 = await TestData.PaperAsync(db, "count-4", "Four", a); // no year
        }));
        steps.Add(("summaries published", async db =>
        {
            await TestData.SummaryAsync(db, p1, await TestData.UserAsync(db, "counter-1"), "<p>a</p>");
            await TestData.SummaryAsync(db, p1, await TestData.UserAsync(db, "counter-2"), "<p>b</p>");
            await TestData.SummaryAsync(db, p3, await TestData.UserAsync(db, "counter-3"), "<p>c</p>");
        }));
        steps.Add(("a paper hidden", db => db.Papers.Where(p => p.Id == p2.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ContentStatus.Hidden))));
        steps.Add(("a paper shown again", db => db.Papers.Where(p => p.Id == p2.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ContentStatus.Visible))));
        steps.Add(("a year corrected", db => db.Papers.Where(p => p.Id == p1.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Year, 2016))));
        steps.Add(("a year given", db => db.Papers.Where(p => p.Id == p4.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Year, 2015))));
        steps.Add(("a summary withdrawn", db => db.Papers.Where(p => p.Id == p1.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SummaryCount, p => p.SummaryCount - 1))));
        steps.Add(("a paper moved to another venue", db => db.Papers.Where(p => p.Id == p3.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.VenueId, b.Id))));
        steps.Add(("a venue's papers merged into another", db => db.Papers.Where(p => p.VenueId == a.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.VenueId, b.Id))));
        steps.Add(("a paper deleted", db => db.Papers.Where(p => p.Id == p2.Id).ExecuteDeleteAsync()));
        steps.Add(("a venue deleted (its papers keep no venue)", db => db.Venues.Where(v => v.Id == b.Id).ExecuteDeleteAsync()));

        foreach (var (step, change) in steps)
        {
            await app.WithDbAsync(change);
            await AssertCountsKeptAsync($"after '{step}'");
            if (step == "a paper moved to another venue")
            {
                var venue = await app.CreateClient().GetFromJsonAsync<VenueDetail>("/api/v1/venues/counta");
                Assert.Equal([(2016, 1, 1), (2015, 2, 0)], venue!.Years.Select(y => (y.Year, y.PaperCount, y.SummaryCount)));
                var list = await app.CreateClient().GetFromJsonAsync<List<VenueListItem>>("/api/v1/venues");
                Assert.Equal((3, 1), list!.Where(v => v.Slug == "counta").Select(v => (v.PaperCount, v.SummaryCount)).Single());
                // The listings' totals: A's 2015 has two papers waiting; 2016 has A's summarized paper and B's.
                var venueYear = await app.CreateClient().GetFromJsonAsync<VenueYearListing>("/api/v1/venues/counta/2015");
                Assert.Equal((0, 2), (venueYear!.Papers.Summarized, venueYear.Papers.Unsummarized));
                var year = await app.CreateClient().GetFromJsonAsync<YearListing>("/api/v1/years/2016");
                Assert.Equal((2, 0), (year!.Papers.Summarized, year.Papers.Unsummarized));
            }
            if (step == "a venue deleted (its papers keep no venue)")
            {
                var year = await app.CreateClient().GetFromJsonAsync<YearListing>("/api/v1/years/2016");
                Assert.Equal((2, 0), (year!.Papers.Summarized, year.Papers.Unsummarized));
            }
        }
    }

    /// <summary>
    /// Two moderators move papers between the same two venue-years in opposite directions while a summary being
    /// published holds the first one's count row. Both moves wait for that row and then finish; neither is aborted as a
    /// deadlock (the first trigger locked the old row, then the new one, so the second move held B's row while waiting
    /// for A's, which the first move then held while waiting for B's), and the counts stay right.
    /// </summary>
    [Fact]
    public async Task OppositeMovesBetweenTwoVenueYearsWaitInsteadOfDeadlocking()
    {
        Venue a = null!, b = null!;
        Paper inA = null!, inB = null!, publishing = null!;
        await app.WithDbAsync(async db =>
        {
            a = await TestData.VenueAsync(db, "LockA", "Locked Venue A");
            b = await TestData.VenueAsync(db, "LockB", "Locked Venue B");
            inA = await TestData.PaperAsync(db, "lock-1", "In A", a, 2019);
            inB = await TestData.PaperAsync(db, "lock-2", "In B", b, 2019);
            publishing = await TestData.PaperAsync(db, "lock-3", "Being summarized", a, 2019);
        });
        Assert.True(a.Id < b.Id, "the venues' ids give the key order the test relies on");

        await using var publisher = new NpgsqlConnection(app.ConnectionString);
        await publisher.OpenAsync();
        await using (var transaction = await publisher.BeginTransactionAsync())
        {
            await ExecuteAsync(publisher, "UPDATE papers SET summary_count = summary_count + 1 WHERE id = $1", publishing.Id);
            var aToB = MoveAsync(inA.Id, b.Id);
            await WaitForLockWaitersAsync(1);
            var bToA = MoveAsync(inB.Id, a.Id);
            await WaitForLockWaitersAsync(2);
            await transaction.CommitAsync();
            await Task.WhenAll(aToB, bToA);
        }

        await AssertCountsKeptAsync("after the moves");
        var venueA = await app.CreateClient().GetFromJsonAsync<VenueDetail>("/api/v1/venues/locka");
        Assert.Equal([(2019, 2, 1)], venueA!.Years.Select(y => (y.Year, y.PaperCount, y.SummaryCount)));
    }

    async Task MoveAsync(long paperId, int venueId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "UPDATE papers SET venue_id = $1 WHERE id = $2", venueId, paperId);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params long[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        await command.ExecuteNonQueryAsync();
    }

    // Until that many of this database's sessions wait for a lock (a move blocked on a count row).
    async Task WaitForLockWaitersAsync(int count)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await command.ExecuteScalarAsync())! < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} sessions never waited for a lock");
            await Task.Delay(20);
        }
    }

    // The kept counts equal a count over the papers themselves.
    async Task AssertCountsKeptAsync(string when)
    {
        var (kept, counted) = await app.WithDbAsync(async db => (
            await db.Database.SqlQuery<CountRow>($"SELECT venue_id, year, papers, summarized, summaries FROM venue_year_counts WHERE papers <> 0 OR summarized <> 0 OR summaries <> 0 ORDER BY 1, 2").ToListAsync(),
            await db.Database.SqlQuery<CountRow>($"""
                SELECT venue_id, year, count(*)::int AS papers, (count(*) FILTER (WHERE summary_count > 0))::int AS summarized,
                       coalesce(sum(summary_count), 0)::int AS summaries
                FROM papers WHERE status = 0 GROUP BY 1, 2 ORDER BY 1, 2
                """).ToListAsync()));
        Assert.True(counted.SequenceEqual(kept), $"{when}: kept {string.Join(", ", kept)}; counted {string.Join(", ", counted)}");
    }

    sealed record CountRow(int? VenueId, int? Year, int Papers, int Summarized, int Summaries);

    [Fact]
    public async Task UnknownVenueIs404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/venues/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
