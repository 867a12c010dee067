using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Feeds;

/// <summary>Conditional requests, caching and how edits, hiding and deleting show up in feeds.</summary>
public sealed class FeedHttpTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task UnchangedFeedsAnswerNotModifiedByETagAndByDate()
    {
        await FeedScenario.For(app);
        var client = app.CreateClient();
        var first = await client.GetAsync("/feeds/venues/neurips.atom");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());

        var byTag = new HttpRequestMessage(HttpMethod.Get, "/feeds/venues/neurips.atom");
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/feeds/venues/neurips.atom");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/feeds/venues/neurips.atom");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task ConditionalRequestsAreAnsweredWithoutTheCacheToo()
    {
        await FeedScenario.For(app);
        // Signed in, the output cache stays out of the way: the endpoint itself must answer 304.
        var member = await app.MemberAsync("conditional");
        var first = await member.GetAsync("/feeds/tags/attention.rss");
        var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/tags/attention.rss");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await member.SendAsync(request)).StatusCode);

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/feeds/tags/attention.rss");
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddMinutes(-5);
        Assert.Equal(HttpStatusCode.OK, (await member.SendAsync(byDate)).StatusCode);
    }

    [Fact]
    public async Task AnEditUpdatesTheSameEntryAndClearsTheCachedFeed()
    {
        var scenario = await FeedScenario.For(app);
        var client = app.CreateClient();
        var key = "edit-me";
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, "A paper to edit", null, 2020, "Edith Editor"));
        var id = await FeedScenario.PublishAsync(scenario.Ada, "First take.", anonymous: false, key: key);
        // Published an hour ago, so the edit's time is visibly later (feeds carry whole seconds).
        await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PublishedAt, x => x.PublishedAt!.Value.AddHours(-1)).SetProperty(x => x.UpdatedAt, x => x.UpdatedAt.AddHours(-1))));
        var feed = $"/feeds/papers/{key}.atom";
        var before = Entries(await client.GetStringAsync(feed));
        var etag = (await client.GetAsync(feed)).Headers.ETag!;

        await FeedScenario.PublishAsync(scenario.Ada, "Second, better take.", anonymous: false, baseRevision: 1, key: key);

        var request = new HttpRequestMessage(HttpMethod.Get, feed);
        request.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the write evicted the cached copy
        var after = Entries(await response.Content.ReadAsStringAsync());
        var (was, now) = (Assert.Single(before), Assert.Single(after));
        Assert.Equal($"tag:site.test,2026:summary/{id}", now.Id);
        Assert.Equal(was.Id, now.Id);
        Assert.Equal(was.Published, now.Published);
        Assert.True(now.Updated > was.Updated);
        Assert.Contains("Second, better take.", now.Content);
    }

    [Fact]
    public async Task HiddenAndDeletedSummariesLeaveEveryFeed()
    {
        var scenario = await FeedScenario.For(app);
        var client = app.CreateClient();
        await app.WithDbAsync(db => TestData.PaperAsync(db, "leaving", "A paper whose summaries leave", null, 2021, "Lea Ving"));
        var hidden = await FeedScenario.PublishAsync(scenario.Bo, "To be hidden.", anonymous: false, key: "leaving");
        var deleted = await FeedScenario.PublishAsync(scenario.Cy, "To be deleted.", anonymous: false, key: "leaving");
        var paths = new[] { "/feeds/summaries.atom", "/feeds/papers/leaving.atom", "/feeds/years/2021.rss", "/feeds/users/bob.atom" };
        foreach (var path in paths) Assert.Contains($"summary/{hidden}", await client.GetStringAsync(path));

        var moderator = await app.ModeratorAsync("feed-moderator");
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{hidden}/hide", new ModerationRequest("spam"))).EnsureSuccessStatusCode();
        (await scenario.Cy.DeleteAsync($"/api/v1/summaries/{deleted}")).EnsureSuccessStatusCode();

        foreach (var path in paths)
        {
            var text = await client.GetStringAsync(path);
            Assert.DoesNotContain($"summary/{hidden}", text);
            Assert.DoesNotContain($"summary/{deleted}", text);
        }
    }

    /// <summary>
    /// Hiding a feed's newest entry moves its newest time back; a reader asking "modified since" the time they last got
    /// must still get the changed feed, not a 304 that keeps the hidden entry in their reader.
    /// </summary>
    [Fact]
    public async Task AReaderAskingByDateGetsTheFeedAgainAfterItsNewestEntryIsHidden()
    {
        var scenario = await FeedScenario.For(app);
        var client = app.CreateClient();
        await app.WithDbAsync(db => TestData.PaperAsync(db, "by-date", "A paper read by date", null, 2021, "Dee Date"));
        await FeedScenario.PublishAsync(scenario.Bo, "Older summary.", anonymous: false, key: "by-date");
        var newest = await FeedScenario.PublishAsync(scenario.Cy, "Newest summary, soon hidden.", anonymous: false, key: "by-date");
        var first = await client.GetAsync("/feeds/papers/by-date.atom");
        var seen = first.Content.Headers.LastModified!.Value;
        Assert.Contains($"summary/{newest}", await first.Content.ReadAsStringAsync());

        var moderator = await app.ModeratorAsync("by-date-moderator");
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{newest}/hide", new ModerationRequest("spam"))).EnsureSuccessStatusCode();
        // Feeds carry whole seconds: the changed feed is made in a later second than the one the reader saw.
        while (DateTimeOffset.UtcNow < seen.AddSeconds(1)) await Task.Delay(50);
        Assert.DoesNotContain($"summary/{newest}", await client.GetStringAsync("/feeds/papers/by-date.atom")); // refills the cache

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/feeds/papers/by-date.atom");
        byDate.Headers.IfModifiedSince = seen;
        var answer = await client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain($"summary/{newest}", await answer.Content.ReadAsStringAsync());
    }

    sealed record Entry(string Id, DateTimeOffset Published, DateTimeOffset Updated, string Content);

    static List<Entry> Entries(string atom) => XDocument.Parse(atom).Root!.Elements(Atom + "entry")
        .Where(e => e.Element(Atom + "id")!.Value.Contains(":summary/", StringComparison.Ordinal))
        .Select(e => new Entry(e.Element(Atom + "id")!.Value, DateTimeOffset.Parse(e.Element(Atom + "published")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture), e.Element(Atom + "content")!.Value))
        .ToList();
}
