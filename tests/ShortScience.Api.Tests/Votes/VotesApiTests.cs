using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Votes;

public sealed class VotesApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<(long Id, HttpClient Author)> SummaryAsync(string key, string markdown = "A summary.")
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));
        var author = await app.MemberAsync($"{key}-author");
        var published = await author.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(markdown, null, false, null));
        return ((await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId, author);
    }

    static async Task<VoteResult> Vote(HttpClient client, string type, long id, int value)
    {
        var response = await client.PutAsJsonAsync($"/api/v1/votes/{type}/{id}", new VoteRequest(value));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VoteResult>())!;
    }

    [Fact]
    public async Task AVoteWithoutAValueIsRefusedAndRemovesNothing()
    {
        var (id, _) = await SummaryAsync("v-empty");
        var voter = await app.MemberAsync("v-empty-voter");
        await Vote(voter, "summaries", id, 1);

        foreach (var body in new[] { "{}", """{"value":null}""", """{"other":1}""" })
        {
            var response = await voter.PutAsync($"/api/v1/votes/summaries/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("value", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.Score).SingleAsync()));
        Assert.Equal(0, (await Vote(voter, "summaries", id, 0)).Score); // an explicit 0 still removes it
    }

    [Fact]
    public async Task AVoteCanBeCastChangedAndRemovedAndCountsOnce()
    {
        var (id, _) = await SummaryAsync("v-basic");
        var voter = await app.MemberAsync("v-voter");

        Assert.Equal(1, (await Vote(voter, "summaries", id, 1)).Score);
        Assert.Equal(1, (await Vote(voter, "summaries", id, 1)).Score); // twice is still once
        Assert.Equal(-1, (await Vote(voter, "summaries", id, -1)).Score);
        var removed = await Vote(voter, "summaries", id, 0);

        Assert.Equal((0, 0), (removed.Score, removed.MyVote));
        var row = await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => new { s.Upvotes, s.Downvotes }).SingleAsync());
        Assert.Equal((0, 0), (row.Upvotes, row.Downvotes));
    }

    [Fact]
    public async Task VotingAndUnvotingInALoopDoesNotMakeASummaryPopular()
    {
        var (id, _) = await SummaryAsync("v-loop");
        var voter = await app.MemberAsync("v-looper");
        Task<int> TodaysVotesAsync() => app.WithDbAsync(db => db.SummaryDailyStats.Where(s => s.SummaryId == id).SumAsync(s => s.Votes));

        for (var i = 0; i < 20; i++)
        {
            await Vote(voter, "summaries", id, 1);
            await Vote(voter, "summaries", id, 0);
        }
        Assert.Equal(0, await TodaysVotesAsync());

        // One vote cast, changed, and changed back counts once; withdrawn, it counts no more.
        await Vote(voter, "summaries", id, 1);
        await Vote(voter, "summaries", id, -1);
        await Vote(voter, "summaries", id, 1);
        Assert.Equal(1, await TodaysVotesAsync());
        await Vote(voter, "summaries", id, 0);
        Assert.Equal(0, await TodaysVotesAsync());
    }

    [Fact]
    public async Task NobodyVotesForTheirOwnWorkAndReadersCannotVote()
    {
        var (id, author) = await SummaryAsync("v-self");
        var reader = await app.ReaderAsync("v-reader");

        Assert.Equal(HttpStatusCode.Forbidden, (await author.PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.MemberAsync("v-bad")).PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(5))).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.Score).SingleAsync()));
    }

    [Fact]
    public async Task AHundredParallelVotesLeaveExactlyTheRightTotal()
    {
        var (id, _) = await SummaryAsync("v-race");
        var voters = await app.ManyMembersAsync("v-crowd", 100);

        // 70 up, 30 down, all at once; then the same 100 again at once (no change), then 10 flip.
        var votes = voters.Select((client, i) => (client, value: i < 70 ? 1 : -1)).ToList();
        await Task.WhenAll(votes.Select(v => Vote(v.client, "summaries", id, v.value)));
        await Task.WhenAll(votes.Select(v => Vote(v.client, "summaries", id, v.value)));
        await Task.WhenAll(votes.Take(10).Select(v => Vote(v.client, "summaries", id, -1)));

        var row = await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => new { s.Score, s.Upvotes, s.Downvotes }).SingleAsync());
        Assert.Equal((60 - 40, 60, 40), (row.Score, row.Upvotes, row.Downvotes));
        var recount = await app.WithDbAsync(db => db.Votes.Where(v => v.TargetId == id && v.TargetType == Contracts.VoteTarget.Summary).SumAsync(v => (int)v.Value));
        Assert.Equal(20, recount);
    }

    [Fact]
    public async Task SummariesOnAPaperAreOrderedByScoreThenRecencyAndShowMyVote()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "v-order", "Ordering paper"));
        var first = await app.MemberAsync("v-first");
        var second = await app.MemberAsync("v-second");
        var fan = await app.MemberAsync("v-fan");
        var a = (await (await first.PutAsJsonAsync("/api/v1/papers/v-order/summaries/mine", new PublishRequest("Older", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var b = (await (await second.PutAsJsonAsync("/api/v1/papers/v-order/summaries/mine", new PublishRequest("Newer", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        var tied = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/v-order");
        Assert.Equal([b, a], tied!.Summaries.Select(s => s.Id)); // equal scores: newest first
        await Vote(fan, "summaries", a, 1);
        var ranked = await fan.GetFromJsonAsync<PaperDetail>("/api/v1/papers/v-order");
        Assert.Equal([a, b], ranked!.Summaries.Select(s => s.Id));
        Assert.Equal([1, 0], ranked.Summaries.Select(s => s.MyVote));
    }

    [Fact]
    public async Task CommentsTakeVotesToo()
    {
        var (id, author) = await SummaryAsync("v-comment");
        var commenter = await app.MemberAsync("v-commenter");
        var created = await commenter.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Nice"));
        var comment = (await created.Content.ReadFromJsonAsync<CommentLocation>())!;

        Assert.Equal(1, (await Vote(author, "comments", comment.Id, 1)).Score);
        Assert.Equal(HttpStatusCode.Forbidden, (await commenter.PutAsJsonAsync($"/api/v1/votes/comments/{comment.Id}", new VoteRequest(1))).StatusCode);
        var shown = await author.GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments");
        Assert.Equal((1, 1), (shown![0].Score, shown[0].MyVote));
    }

    [Fact]
    public async Task BestAndPopularListsFollowScoreAndRecentActivity()
    {
        var (quiet, _) = await SummaryAsync("v-quiet");
        var (loved, _) = await SummaryAsync("v-loved");
        var (read, _) = await SummaryAsync("v-read");
        var fans = await app.ManyMembersAsync("v-fans", 3);
        foreach (var fan in fans) await Vote(fan, "summaries", loved, 1);
        for (var i = 0; i < 40; i++) (await app.CreateClient().PostAsync("/api/v1/papers/v-read/views", null)).EnsureSuccessStatusCode();

        var best = await app.CreateClient().GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?sort=best&limit=100");
        var popular = await app.CreateClient().GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?sort=popular&limit=100");

        Assert.Equal(loved, best!.Items[0].Id);
        // 40 views outweigh 3 votes (a vote counts as 10 views); a summary nobody read or voted on is not popular.
        Assert.Equal([read, loved], popular!.Items.Where(s => s.Id == read || s.Id == loved || s.Id == quiet).Select(s => s.Id));
    }
}
