using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ShortScience.Contracts;
using ShortScience.Api.Tests.Feeds;

namespace ShortScience.Api.Tests.Follows;

public sealed class FollowsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task FollowingIsIdempotentListedWithTitlesAndUndone()
    {
        await FeedScenario.For(app);
        var reader = await app.MemberAsync("follower");

        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsync("/api/v1/me/follows/venue/neurips", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.PutAsync("/api/v1/me/follows/venue/neurips", null)).StatusCode);
        (await reader.PutAsync("/api/v1/me/follows/venue-year/neurips/2017", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync("/api/v1/me/follows/tag/attention", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync($"/api/v1/me/follows/paper/{FeedScenario.Key}", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync("/api/v1/me/follows/author/ashish-vaswani", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync("/api/v1/me/follows/user/ADA", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync("/api/v1/me/follows/year/2017", null)).EnsureSuccessStatusCode();

        var follows = (await reader.GetFromJsonAsync<List<FollowView>>("/api/v1/me/follows"))!;
        Assert.Equal(7, follows.Count);
        Assert.Contains(follows, f => f is { Type: "venue", Key: "neurips", Title: "NeurIPS", PagePath: "/venues/neurips", FeedPath: "/feeds/venues/neurips.rss" });
        Assert.Contains(follows, f => f is { Type: "venue-year", Key: "neurips/2017", Title: "NeurIPS 2017" });
        Assert.Contains(follows, f => f is { Type: "user", Key: "ada", Title: "ada Display" });
        Assert.Contains(follows, f => f is { Type: "paper", Title: FeedScenario.Title });
        Assert.True((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/venue-year/neurips/2017"))!.Following);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync("/api/v1/me/follows/venue/neurips")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync("/api/v1/me/follows/venue/neurips")).StatusCode);
        Assert.False((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/venue/neurips"))!.Following);
        Assert.Equal(6, (await reader.GetFromJsonAsync<List<FollowView>>("/api/v1/me/follows"))!.Count);
    }

    [Fact]
    public async Task ATagIsFollowedUnfollowedAndAskedAboutExactlyAsItIsWritten()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "ft-tags", "Tags with percent signs and slashes");
            paper.Keywords = ["a%41", "I/O", "aA"];
            await db.SaveChangesAsync();
        });
        var reader = await app.MemberAsync("ft-tagger");

        // "a%41" is sent escaped (a%2541) and must not turn into the tag "aA"; "I/O" comes as I%2FO.
        var followed = await reader.PutAsync("/api/v1/me/follows/tag/a%2541", null);
        Assert.Equal("a%41", (await followed.Content.ReadFromJsonAsync<FollowState>())!.Key);
        Assert.Equal("I/O", (await (await reader.PutAsync("/api/v1/me/follows/tag/I%2FO", null)).Content.ReadFromJsonAsync<FollowState>())!.Key);
        Assert.True((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/tag/a%2541"))!.Following);
        Assert.False((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/tag/aA"))!.Following);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync("/api/v1/me/follows/tag/a%2541")).StatusCode);
        Assert.False((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/tag/a%2541"))!.Following);
        Assert.True((await reader.GetFromJsonAsync<FollowState>("/api/v1/me/follows/tag/I%2FO"))!.Following);
    }

    [Fact]
    public async Task OnlyRealThingsCanBeFollowedAndOnlyBySignedInPeople()
    {
        await FeedScenario.For(app);
        var reader = await app.MemberAsync("picky");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PutAsync("/api/v1/me/follows/venue/nowhere", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PutAsync("/api/v1/me/follows/venue-year/neurips/soon", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PutAsync("/api/v1/me/follows/user/nobody-here", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.PutAsync("/api/v1/me/follows/planet/mars", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync("/api/v1/me/follows/venue/neurips", null)).StatusCode);
    }

    [Fact]
    public async Task TimelineMergesNewSummariesFromEverythingFollowedNewestFirst()
    {
        var scenario = await FeedScenario.For(app);
        var reader = await app.MemberAsync("timeline");
        var empty = (await reader.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/me/timeline"))!;
        Assert.Empty(empty.Items);

        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 25; i++) await TestData.PaperAsync(db, $"tl-{i}", $"Timeline paper {i}", null, 1999, "Tim Line");
            await TestData.PaperAsync(db, "tl-other", "Not followed", null, 1998, "Other Person");
        });
        for (var i = 0; i < 25; i++) await FeedScenario.PublishAsync(scenario.Bo, $"Timeline summary {i}.", anonymous: false, key: $"tl-{i}");
        await FeedScenario.PublishAsync(scenario.Bo, "Nobody follows this.", anonymous: false, key: "tl-other");
        (await reader.PutAsync("/api/v1/me/follows/year/1999", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync($"/api/v1/me/follows/paper/{FeedScenario.Key}", null)).EnsureSuccessStatusCode();

        var first = (await reader.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/me/timeline"))!;
        var second = (await reader.GetFromJsonAsync<Page<SummaryListItem>>($"/api/v1/me/timeline?cursor={first.NextCursor}"))!;

        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(20, first.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(27, all.Count); // 25 of 1999, and the signed and anonymous summaries of the followed paper
        Assert.Equal(all.Count, all.Select(s => s.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Select(s => s.Id), all.Select(s => s.Id));
        Assert.DoesNotContain(all, s => s.Paper.Key == "tl-other");
        Assert.Null(all.Single(s => s.Id == scenario.AnonymousId).Author);
    }

    [Fact]
    public async Task FollowingAPersonNeverRevealsTheirAnonymousSummaries()
    {
        var scenario = await FeedScenario.For(app);
        var reader = await app.MemberAsync("curious");
        (await reader.PutAsync("/api/v1/me/follows/user/cyd", null)).EnsureSuccessStatusCode();
        var token = (await reader.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed"))!.Token;

        Assert.DoesNotContain((await reader.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/me/timeline"))!.Items, s => s.Id == scenario.AnonymousId);
        Assert.DoesNotContain($"summary/{scenario.AnonymousId}", await app.CreateClient().GetStringAsync($"/feeds/following/{token}.atom"));
    }

    [Fact]
    public async Task PrivateFeedLivesAtItsTokenUntilRegeneratedOrRevoked()
    {
        var scenario = await FeedScenario.For(app);
        var reader = await app.MemberAsync("private");
        (await reader.PutAsync("/api/v1/me/follows/tag/transformers", null)).EnsureSuccessStatusCode();
        var feed = (await reader.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed"))!;
        Assert.Equal(feed, await reader.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed")); // made once, then kept
        Assert.Matches("^[0-9a-f]{64}$", feed.Token);
        Assert.Equal($"http://site.test/feeds/following/{feed.Token}.rss", feed.RssUrl);
        var anyone = app.CreateClient();

        var response = await anyone.GetAsync($"/feeds/following/{feed.Token}.rss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Contains($"summary/{scenario.SignedId}", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/feeds/following/{new string('0', 64)}.rss")).StatusCode);

        var renewed = (await (await reader.PostAsync("/api/v1/me/feed/regenerate", null)).Content.ReadFromJsonAsync<PrivateFeed>())!;
        Assert.NotEqual(feed.Token, renewed.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/feeds/following/{feed.Token}.rss")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/feeds/following/{renewed.Token}.atom")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync("/api/v1/me/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/feeds/following/{renewed.Token}.atom")).StatusCode);
    }

    [Fact]
    public async Task OpmlListsAFeedForEverythingFollowed()
    {
        await FeedScenario.For(app);
        var reader = await app.MemberAsync("opml");
        (await reader.PutAsync("/api/v1/me/follows/venue/neurips", null)).EnsureSuccessStatusCode();
        (await reader.PutAsync("/api/v1/me/follows/tag/attention", null)).EnsureSuccessStatusCode();

        var response = await reader.GetAsync("/api/v1/me/follows.opml");
        Assert.Equal("text/x-opml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var opml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("2.0", opml.Root!.Attribute("version")?.Value);
        Assert.False(string.IsNullOrEmpty(opml.Root.Element("head")?.Element("title")?.Value));
        var outlines = opml.Root.Element("body")!.Elements("outline").ToList();
        Assert.Equal(2, outlines.Count);
        Assert.All(outlines, o => Assert.Equal("rss", o.Attribute("type")?.Value));
        Assert.Contains(outlines, o => o.Attribute("text")?.Value == "NeurIPS" && o.Attribute("xmlUrl")?.Value == "http://site.test/feeds/venues/neurips.rss"
            && o.Attribute("htmlUrl")?.Value == "http://site.test/venues/neurips");
        foreach (var outline in outlines)
        {
            var path = new Uri(outline.Attribute("xmlUrl")!.Value).PathAndQuery;
            Assert.False((await FeedReader.ParseAsync(await app.CreateClient().GetByteArrayAsync(path))).Bozo);
        }
    }

    /// <summary>
    /// Cursors of lists in time order carry a time: one naming a time before year 1 or after 9999 (well formed, but
    /// never handed out) answers a page like any other, not a server error, on every such list.
    /// </summary>
    [Theory]
    [InlineData("fw-cursor-a", "-1:1")]
    [InlineData("fw-cursor-b", "-9223372036854775808:1")]
    [InlineData("fw-cursor-c", "9223372036854775807:9223372036854775807")]
    public async Task ACursorBeyondTheCalendarAnswersAPageNotAnError(string name, string raw)
    {
        var reader = await app.MemberAsync(name);
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(raw));
        foreach (var path in new[] { "/api/v1/me/timeline", "/api/v1/summaries", $"/api/v1/users/{name}/summaries" })
        {
            var response = await reader.GetAsync($"{path}?cursor={cursor}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var page = (await response.Content.ReadFromJsonAsync<Page<SummaryListItem>>())!;
            Assert.NotNull(page.Items);
        }
    }
}
