using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ShortScience.Contracts;
using ShortScience.Core.Import;

namespace ShortScience.Api.Tests.ReadingList;

public sealed class ReadingListApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task PapersAsync()
    {
        await app.WithDbAsync(async db =>
        {
            if (db.Papers.Any(p => p.Key == "rl-first")) return;
            var venue = await TestData.VenueAsync(db, "RLV", "Reading List Venue");
            await TestData.PaperAsync(db, "rl-first", "The First Saved Paper", venue, 2019, "Ada Lovelace");
            await TestData.PaperAsync(db, "rl-second", "The Second Saved Paper", venue, 2020, "Bo Xu");
            var hidden = await TestData.PaperAsync(db, "rl-hidden", "A Hidden Paper", venue, 2020);
            hidden.Status = ContentStatus.Hidden;
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task SavingIsIdempotentKeepsTheNoteAndListsNewestFirst()
    {
        await PapersAsync();
        var me = await app.MemberAsync("saver");

        var first = await me.PutAsJsonAsync("/api/v1/me/reading-list/rl-first", new ReadingListRequest("Read section 3 first"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Read section 3 first", (await first.Content.ReadFromJsonAsync<ReadingListItem>())!.Note);
        // Again, without a body: still saved once, the note kept.
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/v1/me/reading-list/rl-first", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/v1/me/reading-list/rl-second", null)).StatusCode);

        var list = (await me.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!;
        Assert.Equal(["rl-second", "rl-first"], list.Select(i => i.Paper.Key));
        Assert.Equal("Read section 3 first", list[1].Note);
        Assert.Null(list[0].Note);
        Assert.Equal("The First Saved Paper", list[1].Paper.Title);

        // A new note replaces the old one.
        (await me.PutAsJsonAsync("/api/v1/me/reading-list/rl-first", new ReadingListRequest("Done"))).EnsureSuccessStatusCode();
        list = (await me.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!;
        Assert.Equal("Done", list.Single(i => i.Paper.Key == "rl-first").Note);

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/v1/me/reading-list/rl-first")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/v1/me/reading-list/rl-first")).StatusCode);
        list = (await me.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!;
        Assert.Equal(["rl-second"], list.Select(i => i.Paper.Key));
    }

    [Fact]
    public async Task UnknownPapersAreNotFoundAndNotesAreLimited()
    {
        await PapersAsync();
        var me = await app.MemberAsync("limits");

        Assert.Equal(HttpStatusCode.NotFound, (await me.PutAsync("/api/v1/me/reading-list/no-such-paper", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.PutAsync("/api/v1/me/reading-list/rl-hidden", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.DeleteAsync("/api/v1/me/reading-list/no-such-paper")).StatusCode);
        var tooLong = await me.PutAsJsonAsync("/api/v1/me/reading-list/rl-first", new ReadingListRequest(new string('x', Limits.ReadingListNoteChars + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await me.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!);
    }

    [Fact]
    public async Task NobodySeesAnothersListAndSignedOutPeopleAreRefused()
    {
        await PapersAsync();
        var ada = await app.MemberAsync("private-ada");
        var bo = await app.MemberAsync("private-bo");
        (await ada.PutAsJsonAsync("/api/v1/me/reading-list/rl-first", new ReadingListRequest("Ada's secret note"))).EnsureSuccessStatusCode();

        Assert.Empty((await bo.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!);
        Assert.DoesNotContain("secret", await bo.GetStringAsync("/api/v1/me/reading-list.bib"));
        // Bo removing the same paper removes it from his list only.
        Assert.Equal(HttpStatusCode.NoContent, (await bo.DeleteAsync("/api/v1/me/reading-list/rl-first")).StatusCode);
        Assert.Single((await ada.GetFromJsonAsync<List<ReadingListItem>>("/api/v1/me/reading-list"))!);

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/reading-list")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync("/api/v1/me/reading-list/rl-first", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/me/reading-list/rl-first")).StatusCode);
    }

    [Fact]
    public async Task TheListExportsAsBibtexAndItsPrivateFeedCarriesNewSummariesOfSavedPapers()
    {
        await PapersAsync();
        var me = await app.MemberAsync("exporter");
        (await me.PutAsync("/api/v1/me/reading-list/rl-first", null)).EnsureSuccessStatusCode();
        (await me.PutAsync("/api/v1/me/reading-list/rl-second", null)).EnsureSuccessStatusCode();

        var bib = await me.GetAsync("/api/v1/me/reading-list.bib");
        Assert.Equal("application/x-bibtex", bib.Content.Headers.ContentType?.MediaType);
        var parsed = BibtexParser.Parse(await bib.Content.ReadAsStringAsync());
        Assert.Empty(parsed.Problems);
        Assert.Equal(["The Second Saved Paper", "The First Saved Paper"], parsed.Entries.Select(e => e.Get("title")));

        await app.WithDbAsync(async db =>
        {
            var paper = db.Papers.Single(p => p.Key == "rl-second");
            var writer = await TestData.UserAsync(db, "rl-writer");
            await TestData.SummaryAsync(db, paper, writer, "<p>A summary of a saved paper</p>");
        });
        var feed = (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/reading-list-feed"))!;
        Assert.Equal(feed.Token, (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/reading-list-feed"))!.Token);
        var atom = XDocument.Parse(await app.CreateClient().GetStringAsync(new Uri(feed.AtomUrl).PathAndQuery));
        XNamespace a = "http://www.w3.org/2005/Atom";
        var titles = atom.Descendants(a + "entry").Select(e => e.Element(a + "title")!.Value).ToList();
        Assert.Single(titles);
        Assert.Contains("The Second Saved Paper", titles[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/feeds/reading-list/" + new string('0', 64) + ".rss")).StatusCode);
    }

    /// <summary>
    /// Deleting an account ends everything that answered for it: its reading-list feed's address, and the follows
    /// others had of it (the name is free again, and whoever takes it next is somebody else).
    /// </summary>
    [Fact]
    public async Task ADeletedAccountsPrivateFeedAndItsFollowersGoWithIt()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "rl-gone-paper", "A Paper Saved Before Leaving"));
        var leaving = await app.MemberAsync("rl-gone");
        var follower = await app.MemberAsync("rl-gone-fan");
        Assert.Equal(HttpStatusCode.OK, (await leaving.PutAsJsonAsync("/api/v1/me/reading-list/rl-gone-paper", new { note = "later" })).StatusCode);
        var feed = (await leaving.GetFromJsonAsync<PrivateFeed>("/api/v1/me/reading-list-feed"))!;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(new Uri(feed.RssUrl).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await follower.PutAsync("/api/v1/me/follows/user/rl-gone", null)).StatusCode);

        (await leaving.PostAsJsonAsync("/api/v1/me/delete", new { password = TestAccounts.Password, keepSummaries = true })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri(feed.RssUrl).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri(feed.AtomUrl).PathAndQuery)).StatusCode);
        Assert.DoesNotContain((await follower.GetFromJsonAsync<List<FollowView>>("/api/v1/me/follows"))!, f => f.Key == "rl-gone");
        // A stranger taking the freed name inherits no followers.
        await app.MemberAsync("rl-gone");
        Assert.False((await follower.GetFromJsonAsync<FollowState>("/api/v1/me/follows/user/rl-gone"))!.Following);
    }

    [Fact]
    public async Task TheReadingListFeedsAddressIsReplacedOrSwitchedOffAlone()
    {
        var me = await app.MemberAsync("rl-feed-owner");
        var following = (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed"))!;
        var first = (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/reading-list-feed"))!;
        var anonymous = app.CreateClient();

        var replaced = await me.PostAsync("/api/v1/me/reading-list-feed/regenerate", null);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var second = (await replaced.Content.ReadFromJsonAsync<PrivateFeed>())!;
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(first.RssUrl).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(second.AtomUrl).PathAndQuery)).StatusCode);
        Assert.Equal(second.Token, (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/reading-list-feed"))!.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/v1/me/reading-list-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(second.RssUrl).PathAndQuery)).StatusCode);
        // The following feed is another address, untouched by either.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(following.RssUrl).PathAndQuery)).StatusCode);
        Assert.Equal(following.Token, (await me.GetFromJsonAsync<PrivateFeed>("/api/v1/me/feed"))!.Token);
    }
}
