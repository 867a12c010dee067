using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Browse;

public sealed class BrowseApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task VenueYearListsSummarizedPapersWithTheirBestSummaryThenThoseThatNeedOne()
    {
        await app.WithDbAsync(async db =>
        {
            var icml = await TestData.VenueAsync(db, "ICML", "International Conference on Machine Learning");
            var (ada, bo, cy) = (await TestData.UserAsync(db, "vy-ada"), await TestData.UserAsync(db, "vy-bo"), await TestData.UserAsync(db, "vy-cy"));
            var popular = await TestData.PaperAsync(db, "vy-popular", "Popular Paper", icml, 2017, "Ann Author");
            await TestData.SummaryAsync(db, popular, ada, "<p>Good summary</p>", score: 3);
            await TestData.SummaryAsync(db, popular, bo, "<p>Best summary</p>", score: 7);
            await TestData.SummaryAsync(db, popular, cy, "<p>Hidden but high</p>", score: 50, status: SummaryStatus.Hidden);
            var single = await TestData.PaperAsync(db, "vy-single", "Single Summary Paper", icml, 2017);
            await TestData.SummaryAsync(db, single, ada, "<p>Only one</p>");
            var deletedOnly = await TestData.PaperAsync(db, "vy-deleted", "Deleted Summary Paper", icml, 2017);
            await TestData.SummaryAsync(db, deletedOnly, bo, "<p>Deleted</p>", status: SummaryStatus.Deleted);
            await TestData.PaperAsync(db, "vy-waiting", "Waiting Paper", icml, 2017);
            var hidden = await TestData.PaperAsync(db, "vy-hidden", "Hidden Paper", icml, 2017);
            await TestData.SummaryAsync(db, hidden, ada, "<p>On a hidden paper</p>");
            await db.Papers.Where(p => p.Key == "vy-hidden").ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, ContentStatus.Hidden));
            await TestData.PaperAsync(db, "vy-other-year", "Other Year", icml, 2016);
        });
        var client = app.CreateClient();

        var summarized = await client.GetFromJsonAsync<VenueYearListing>("/api/v1/venues/icml/2017");
        var waiting = await client.GetFromJsonAsync<VenueYearListing>("/api/v1/venues/icml/2017?list=unsummarized");

        Assert.Equal(("icml", 2017), (summarized!.Venue.Slug, summarized.Year));
        Assert.Equal([2017, 2016], summarized.Venue.Years.Select(y => y.Year));
        Assert.Equal((2, 2), (summarized.Papers.Summarized, summarized.Papers.Unsummarized));
        Assert.Equal(["vy-popular", "vy-single"], summarized.Papers.Items.Select(p => p.Key));
        Assert.Equal("<p>Best summary</p>", summarized.Papers.Items[0].ExcerptHtml);
        Assert.Equal(2, summarized.Papers.Items[0].SummaryCount);
        Assert.Equal(["vy-waiting", "vy-deleted"], waiting!.Papers.Items.Select(p => p.Key));
        Assert.All(waiting.Papers.Items, p => Assert.Null(p.ExcerptHtml));
    }

    [Fact]
    public async Task KeysetPagesWalkEveryPaperOnceInOrder()
    {
        await app.WithDbAsync(async db =>
        {
            var users = new List<User>();
            for (var u = 0; u < 4; u++) users.Add(await TestData.UserAsync(db, $"kp-{u}"));
            for (var i = 0; i < 45; i++)
            {
                var paper = await TestData.PaperAsync(db, $"kp-{i:D2}", $"Keyset Paper {i}", null, 1999);
                // Ties in summary count are broken by id, so pages must not lose or repeat any of them.
                for (var s = 0; s < i % 4; s++) await TestData.SummaryAsync(db, paper, users[s], $"<p>{i}-{s}</p>");
            }
        });
        var client = app.CreateClient();

        foreach (var list in new[] { "summarized", "unsummarized" })
        {
            var seen = new List<PaperCard>();
            string? cursor = null;
            do
            {
                var page = await client.GetFromJsonAsync<YearListing>($"/api/v1/years/1999?list={list}" + (cursor is null ? "" : $"&cursor={cursor}"));
                Assert.True(page!.Papers.Items.Count <= 20);
                seen.AddRange(page.Papers.Items);
                cursor = page.Papers.NextCursor;
            } while (cursor is not null);

            var expected = list == "summarized" ? 33 : 12;
            Assert.Equal(expected, seen.Count);
            Assert.Equal(expected, seen.Select(p => p.Key).Distinct().Count());
            var order = seen.Select(p => (p.SummaryCount, p.Key)).ToList();
            Assert.Equal(order.OrderByDescending(o => o.SummaryCount).ThenByDescending(o => o.Key), order);
        }
    }

    [Fact]
    public async Task TagListsOnlyVisiblePapersWithThatExactTag()
    {
        await app.WithDbAsync(async db =>
        {
            var ada = await TestData.UserAsync(db, "tag-ada");
            var tagged = await TestData.PaperAsync(db, "tag-1", "Tagged One");
            tagged.Keywords = ["graph learning", "other"];
            var near = await TestData.PaperAsync(db, "tag-2", "Near Miss");
            near.Keywords = ["graph learning theory"];
            var hidden = await TestData.PaperAsync(db, "tag-3", "Hidden Tagged");
            hidden.Keywords = ["graph learning"];
            hidden.Status = ContentStatus.Hidden;
            await db.SaveChangesAsync();
            await TestData.SummaryAsync(db, tagged, ada, "<p>x</p>");
        });

        var tag = await app.CreateClient().GetFromJsonAsync<TagListing>("/api/v1/tags/graph%20learning");

        Assert.Equal("graph learning", tag!.Tag);
        Assert.Equal((1, 0), (tag.Papers.Summarized, tag.Papers.Unsummarized));
        Assert.Equal("tag-1", Assert.Single(tag.Papers.Items).Key);
    }

    /// <summary>A tag with a slash ("I/O") is linked as /tags/I%2FO, which the framework hands over undecoded.</summary>
    [Fact]
    public async Task ATagWithASlashListsFeedsAndExportsItsPapers()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "tag-slash", "Input and Output at Scale");
            paper.Keywords = ["I/O"];
            await db.SaveChangesAsync();
            await TestData.SummaryAsync(db, paper, await TestData.UserAsync(db, "tag-slash-writer"), "<p>About I/O.</p>");
        });
        var client = app.CreateClient();

        var tag = await client.GetFromJsonAsync<TagListing>("/api/v1/tags/I%2FO");
        Assert.Equal("I/O", tag!.Tag);
        Assert.Equal("tag-slash", Assert.Single(tag.Papers.Items).Key);
        Assert.Contains("Input and Output at Scale", await client.GetStringAsync("/feeds/tags/I%2FO.rss"));
        Assert.Contains("Input and Output at Scale", await client.GetStringAsync("/api/v1/tags/I%2FO/bibtex"));
    }

    [Fact]
    public async Task AuthorPageListsTheirSummarizedPapersFirstAndFollowsMerges()
    {
        await app.WithDbAsync(async db =>
        {
            var ada = await TestData.UserAsync(db, "au-ada");
            await TestData.PaperAsync(db, "au-1", "Unsummarized Work", null, 2020, "Grace Hopper");
            var summarized = await TestData.PaperAsync(db, "au-2", "Summarized Work", null, 2010, "Grace Hopper", "Alan Turing");
            await TestData.SummaryAsync(db, summarized, ada, "<p>Compilers!</p>");
            await TestData.PaperAsync(db, "au-3", "Someone Else's", null, 2010, "Alan Turing");
            var old = new Author { Slug = "g-hopper", Name = "G. Hopper", NormalizedName = "g. hopper", CreatedAt = DateTimeOffset.UtcNow };
            db.Authors.Add(old);
            await db.SaveChangesAsync();
            old.MergedIntoId = (await db.Authors.SingleAsync(a => a.Slug == "grace-hopper")).Id;
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();

        var first = await client.GetFromJsonAsync<AuthorListing>("/api/v1/authors/g-hopper/papers");
        var rest = await client.GetFromJsonAsync<AuthorListing>("/api/v1/authors/grace-hopper/papers?list=unsummarized");

        Assert.Equal(("grace-hopper", "Grace Hopper"), (first!.Slug, first.Name));
        Assert.Contains("G. Hopper", first.OtherNames);
        Assert.Equal("au-2", Assert.Single(first.Papers.Items).Key);
        Assert.Equal("<p>Compilers!</p>", first.Papers.Items[0].ExcerptHtml);
        Assert.Equal("au-1", Assert.Single(rest!.Papers.Items).Key);
    }

    [Fact]
    public async Task AYearOutsideFourDigitsIsNotFoundOnEveryListingFeedExportAndFollowAlike()
    {
        await app.WithDbAsync(db => TestData.VenueAsync(db, "YRV", "Year Range Venue"));
        var client = app.CreateClient();
        var follower = await app.MemberAsync("yr-follower");
        foreach (var year in new[] { "0", "999", "3000", "99999", "-5" })
        {
            foreach (var url in new[]
            {
                $"/api/v1/venues/yrv/{year}", $"/api/v1/years/{year}", $"/api/v1/venues/yrv/{year}/bibtex", $"/api/v1/years/{year}/bibtex",
                $"/feeds/venues/yrv/{year}.rss", $"/feeds/years/{year}.atom",
            })
            {
                var answer = await client.GetAsync(url);
                Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{url}: {answer.StatusCode}");
            }
            Assert.Equal(HttpStatusCode.NotFound, (await follower.PutAsync($"/api/v1/me/follows/venue-year/yrv/{year}", null)).StatusCode);
        }
        foreach (var url in new[] { "/api/v1/venues/yrv/2999", "/api/v1/years/1000", "/feeds/venues/yrv/2999.rss", "/feeds/years/1000.atom" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/years/2017?cursor=not-a-cursor", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/years/2017?list=everything", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/venues/nowhere/2017", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/authors/nobody-at-all/papers", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/summaries?field=alchemy", HttpStatusCode.BadRequest)]
    public async Task BadRequestsAreProblems(string url, HttpStatusCode expected)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AUsersListsRefuseACursorTheyDidNotHandOut()
    {
        await app.MemberAsync("cursor-person");
        foreach (var url in new[] { "/api/v1/users/cursor-person/summaries?cursor=zzz", "/api/v1/users/cursor-person/comments?cursor=zzz" })
        {
            var response = await app.CreateClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
