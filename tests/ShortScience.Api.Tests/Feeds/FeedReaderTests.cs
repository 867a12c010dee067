using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Feeds;

/// <summary>Every kind of feed, in both formats, read by a real feed reader (feedparser) without a single complaint.</summary>
public sealed class FeedReaderTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryFeedParsesCleanlyInBothFormats()
    {
        var scenario = await FeedScenario.For(app);
        (await scenario.Bo.PutAsync("/api/v1/me/follows/venue/neurips", null)).EnsureSuccessStatusCode();
        var token = (await scenario.Bo.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed"))!.Token;
        var feeds = new (string Path, int MinEntries)[]
        {
            ("summaries", 2), ("comments", 1), ($"papers/{FeedScenario.Key}", 3), ("venues/neurips", 2), ("venues/neurips/2017", 2),
            ("years/2017", 2), ("tags/attention", 2), ("authors/ashish-vaswani", 2), ("users/ada", 1), ($"following/{token}", 2),
        };
        var client = app.CreateClient();
        foreach (var ext in new[] { "rss", "atom" })
        {
            foreach (var (path, minEntries) in feeds.Append(("search", 1)))
            {
                var url = path == "search" ? $"/feeds/search.{ext}?q=attention%20recurrence" : $"/feeds/{path}.{ext}";
                var response = await client.GetAsync(url);
                Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
                var parsed = await FeedReader.ParseAsync(await response.Content.ReadAsByteArrayAsync());

                Assert.False(parsed.Bozo, $"{url}: {parsed.Error}");
                Assert.Equal(ext == "rss" ? "rss20" : "atom10", parsed.Version);
                Assert.True(parsed.Entries.Count >= minEntries, $"{url} has {parsed.Entries.Count} entries");
                Assert.All(parsed.Entries, e =>
                {
                    Assert.StartsWith("tag:site.test,2026:", e.Id);
                    Assert.NotNull(e.Published);
                    Assert.NotNull(e.Updated);
                    Assert.StartsWith("http://site.test/papers/", e.Link);
                    Assert.Contains(" — ", e.Title);
                    Assert.NotEmpty(e.Content);
                    Assert.False(string.IsNullOrWhiteSpace(e.Summary));
                });
            }
        }
    }

    [Fact]
    public async Task ReadersSeeMathAsMathMlAndTheAuthor()
    {
        var scenario = await FeedScenario.For(app);
        foreach (var ext in new[] { "rss", "atom" })
        {
            var parsed = await FeedReader.ParseAsync(await app.CreateClient().GetByteArrayAsync($"/feeds/users/ada.{ext}"));

            var entry = Assert.Single(parsed.Entries);
            Assert.Equal($"tag:site.test,2026:summary/{scenario.SignedId}", entry.Id);
            Assert.Equal("ada Display", entry.Author);
            Assert.Contains("<math", entry.Content[0]);
            Assert.Equal(["attention", "transformers"], entry.Tags);
        }
    }

    [Fact]
    public async Task UnknownThingsAndBadLimitsAreRefused()
    {
        await FeedScenario.For(app);
        var client = app.CreateClient();
        foreach (var url in new[] { "/feeds/papers/nope.rss", "/feeds/venues/nope.atom", "/feeds/authors/nobody.rss", "/feeds/users/nobody.atom",
                     "/feeds/years/17.rss", "/feeds/venues/neurips/later.rss", "/feeds/following/0000.rss" })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/feeds/summaries.rss?limit=0")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/feeds/summaries.rss?limit=201")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/feeds/search.rss")).StatusCode);
        var one = await FeedReader.ParseAsync(await client.GetByteArrayAsync("/feeds/summaries.atom?limit=1"));
        Assert.Single(one.Entries);
    }

    [Fact]
    public async Task ASearchFeedHoldsTheSummariesOfThePapersTheSearchFinds()
    {
        await FeedScenario.For(app);
        var client = app.CreateClient();
        // The summaries name neither author: the search finds the paper by its authors, and so must its feed.
        var found = await client.GetFromJsonAsync<SearchResults>("/api/v1/search?q=shazeer");
        Assert.Contains(found!.Items, r => r.Key == FeedScenario.Key);
        foreach (var ext in new[] { "rss", "atom" })
        {
            var feed = await FeedReader.ParseAsync(await client.GetByteArrayAsync($"/feeds/search.{ext}?q=shazeer"));
            Assert.True(feed.Entries.Count >= 2, $"{ext}: {feed.Entries.Count} entries"); // the signed and the anonymous summary
        }
        Assert.Empty((await FeedReader.ParseAsync(await client.GetByteArrayAsync("/feeds/search.rss?q=zyzzyva"))).Entries);
    }
}
