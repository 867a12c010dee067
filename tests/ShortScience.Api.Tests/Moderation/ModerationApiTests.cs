using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Moderation;

public sealed class ModerationApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AFlaggedSummaryReachesTheQueueAndHidingItRemovesItEverywhereAndIsLogged()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-spam", "Spammed paper"));
        var spammer = await app.MemberAsync("m-spammer");
        var reporter = await app.MemberAsync("m-reporter");
        var moderator = await app.ModeratorAsync("m-moderator");
        var id = (await (await spammer.PutAsJsonAsync("/api/v1/papers/m-spam/summaries/mine", new PublishRequest("Buy cheap watches", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        var flagged = await reporter.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", id.ToString(), "Advertising"));
        Assert.Equal(HttpStatusCode.Created, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/api/v1/moderation/flags")).StatusCode);

        var queue = await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags");
        var flag = Assert.Single(queue!.Items);
        Assert.Equal(("Advertising", "m-spammer", "published"), (flag.Reason, flag.TargetAuthor?.UserName, flag.TargetStatus));
        Assert.Contains("Buy cheap watches", flag.TargetExcerpt);

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/flags/{flag.Id}/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/m-spam"))!.Summaries);
        var recent = await app.CreateClient().GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/summaries?limit=100");
        Assert.DoesNotContain(recent!.Items, s => s.Id == id);
        Assert.Empty((await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags"))!.Items);
        var log = await moderator.GetFromJsonAsync<Page<ModerationLogEntry>>("/api/v1/moderation/log");
        Assert.Contains(log!.Items, e => e.Action == "hide" && e.TargetId == id.ToString() && e.Reason == "Spam" && e.Moderator?.UserName == "m-moderator");

        (await moderator.PostAsync($"/api/v1/moderation/summary/{id}/restore", null)).EnsureSuccessStatusCode();
        Assert.Single((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/m-spam"))!.Summaries);
    }

    /// <summary>Anyone signed in can report what they read, before confirming their address too; the report reaches the queue.</summary>
    [Fact]
    public async Task AReaderWhoHasNotConfirmedTheirAddressCanReport()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-read-report", "Reported by a reader"));
        var writer = await app.MemberAsync("m-rr-writer");
        var reader = await app.ReaderAsync("m-rr-reader");
        var moderator = await app.ModeratorAsync("m-rr-moderator");
        var id = (await (await writer.PutAsJsonAsync("/api/v1/papers/m-read-report/summaries/mine", new PublishRequest("Copied from the abstract", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        // A reader cannot write (the boundary the report does not move)...
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new { body = "me too" })).StatusCode);

        // ...but can report.
        Assert.Equal(HttpStatusCode.Created, (await reader.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", id.ToString(), "Plagiarized or copied"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reader.PostAsJsonAsync("/api/v1/flags", new FlagRequest("paper", "m-read-report", "Broken metadata"))).StatusCode);

        var queue = (await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags?limit=100"))!.Items;
        Assert.Contains(queue, f => f.TargetId == id.ToString() && f.Reason == "Plagiarized or copied" && f.Reporter?.UserName == "m-rr-reader");
        Assert.Contains(queue, f => f.TargetId == "m-read-report" && f.Reporter?.UserName == "m-rr-reader");
    }

    [Fact]
    public async Task HidingASummaryByItsOwnRouteClosesItsReportsAsTheModerationRouteDoes()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-spam-2", "Another spammed paper"));
        var spammer = await app.MemberAsync("m-spammer-2");
        var reporter = await app.MemberAsync("m-reporter-2");
        var moderator = await app.ModeratorAsync("m-moderator-2");
        var id = (await (await spammer.PutAsJsonAsync("/api/v1/papers/m-spam-2/summaries/mine", new PublishRequest("Cheap pills", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        (await reporter.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", id.ToString(), "Spam"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest(new string('x', Limits.ModerationReasonChars + 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("Spam"))).StatusCode);

        var open = await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags?status=open");
        Assert.DoesNotContain(open!.Items, f => f.TargetType == "summary" && f.TargetId == id.ToString());
        Assert.Equal(FlagStatus.Actioned, await app.WithDbAsync(db => db.Flags.Where(f => f.TargetId == id.ToString()).Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task MembersCannotModerate()
    {
        var member = await app.MemberAsync("m-plain");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/moderation/summary/1/hide", new ModerationRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/moderation/users/m-plain/ban", new BanRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/moderation/log")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/flags", new FlagRequest("paper", "x", "y"))).StatusCode);
    }

    [Fact]
    public async Task BannedPeopleCannotPostCommentVoteOrFlagUntilUnbanned()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-ban", "Ban paper"));
        var author = await app.MemberAsync("m-ban-author");
        var troll = await app.MemberAsync("m-troll");
        var moderator = await app.ModeratorAsync("m-ban-mod");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/m-ban/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        (await moderator.PostAsJsonAsync("/api/v1/moderation/users/m-troll/ban", new BanRequest("Abuse"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await troll.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("rude"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await troll.PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(-1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await troll.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", id.ToString(), "spite"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await troll.PutAsJsonAsync("/api/v1/papers/m-ban/summaries/mine", new PublishRequest("x", null, false, null))).StatusCode);
        Assert.True((await troll.GetFromJsonAsync<Me>("/api/v1/me"))!.Banned);

        (await moderator.PostAsync("/api/v1/moderation/users/m-troll/unban", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await troll.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("sorry"))).StatusCode);
    }

    [Fact]
    public async Task HiddenCommentsDisappearForReadersButNotForModerators()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-comment", "Comment paper"));
        var author = await app.MemberAsync("m-c-author");
        var moderator = await app.ModeratorAsync("m-c-mod");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/m-comment/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var comment = (await (await (await app.MemberAsync("m-c-rude")).PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("insult"))).Content.ReadFromJsonAsync<CommentLocation>())!;

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/comment/{comment.Id}/hide", new ModerationRequest("Insult"))).EnsureSuccessStatusCode();

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!);
        Assert.Equal(ContentStatus.Hidden, (await moderator.GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!.Single().Status);
    }

    /// <summary>
    /// A report names its target in one form ("07" is summary 7): reporting again in another spelling is still one
    /// report, the queue finds the target, and hiding it closes that report. A report already dealt with cannot be
    /// dismissed again, which would close the newer reports on the same target unseen.
    /// </summary>
    [Fact]
    public async Task ReportsNameTheirTargetOneWayAndAClosedReportClosesNothingMore()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "m-spelled", "Spelled reports"));
        var author = await app.MemberAsync("m-spelled-author");
        var first = await app.MemberAsync("m-spelled-first");
        var second = await app.MemberAsync("m-spelled-second");
        var moderator = await app.ModeratorAsync("m-spelled-mod");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/m-spelled/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", "0" + id, "Off topic"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", $" +{id}", "Again"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", $"-{id}", "Negative"))).StatusCode);
        var flags = await app.WithDbAsync(db => db.Flags.Where(f => f.Reason == "Off topic" || f.Reason == "Again").Select(f => f.TargetId).ToListAsync());
        Assert.Equal([id.ToString()], flags);
        var queued = Assert.Single((await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags"))!.Items, f => f.TargetId == id.ToString());
        Assert.Equal("published", queued.TargetStatus);

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/v1/moderation/flags/{queued.Id}/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync("/api/v1/flags", new FlagRequest("summary", id.ToString(), "Really off topic"))).StatusCode);
        var stale = await moderator.PostAsync($"/api/v1/moderation/flags/{queued.Id}/dismiss", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await moderator.PostAsJsonAsync($"/api/v1/moderation/flags/{queued.Id}/hide", new ModerationRequest("Late"))).StatusCode);
        var open = Assert.Single((await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags"))!.Items, f => f.TargetId == id.ToString());
        Assert.Equal("Really off topic", open.Reason);

        // Hidden through the route with another spelling of the id: the open report is closed, the log names summary {id}.
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/summary/00{id}/hide", new ModerationRequest("Off topic"))).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags"))!.Items, f => f.TargetId == id.ToString());
        var log = await moderator.GetFromJsonAsync<Page<ModerationLogEntry>>("/api/v1/moderation/log");
        Assert.Contains(log!.Items, e => e.Action == "hide" && e.TargetId == id.ToString());
    }
}
