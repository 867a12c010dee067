using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Moderation;

/// <summary>
/// Hiding is a moderator's, deleting an author's, and neither undoes the other: unhiding gives back the state before
/// the hide (a deleted summary stays deleted), and an author cannot publish to, restore or undelete a hidden summary.
/// </summary>
public sealed class HiddenStateTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<(HttpClient Author, HttpClient Moderator, long Id)> SummaryAsync(string key)
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));
        var author = await app.MemberAsync($"{key}-author");
        var moderator = await app.ModeratorAsync($"{key}-mod");
        var published = await author.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("First text.", null, false, null));
        return (author, moderator, (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId);
    }

    Task<SummaryStatus> StatusAsync(long id) => app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());

    async Task<int> ShownOnPaperAsync(string key) => (await app.CreateClient().GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Summaries.Count;

    [Fact]
    public async Task UnhidingASummaryItsAuthorDeletedLeavesItDeletedForTheAuthorToUndo()
    {
        var (author, moderator, id) = await SummaryAsync("hs-deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("Abusive"))).StatusCode);
        Assert.Equal(SummaryStatus.Hidden, await StatusAsync(id));
        // Hidden, its author cannot bring it back.
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsync($"/api/v1/summaries/{id}/undelete", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/v1/summaries/{id}/unhide", null)).StatusCode);

        Assert.Equal(SummaryStatus.Deleted, await StatusAsync(id));
        Assert.Equal(0, await ShownOnPaperAsync("hs-deleted"));
        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsync($"/api/v1/summaries/{id}/undelete", null)).StatusCode);
        Assert.Equal(1, await ShownOnPaperAsync("hs-deleted"));
    }

    [Fact]
    public async Task AnAuthorWhoDeletesWhileHiddenStaysDeletedWhenUnhiddenAndRestoringWhatIsNotHiddenDoesNothing()
    {
        var (author, moderator, id) = await SummaryAsync("hs-later");
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/summary/{id}/hide", new ModerationRequest("Check sources"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Equal(SummaryStatus.Hidden, await StatusAsync(id));
        (await moderator.PostAsync($"/api/v1/moderation/summary/{id}/restore", null)).EnsureSuccessStatusCode();
        Assert.Equal(SummaryStatus.Deleted, await StatusAsync(id));

        // Deleted and not hidden: a moderator's restore is not a way to republish it.
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/v1/moderation/summary/{id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/v1/summaries/{id}/unhide", null)).StatusCode);
        Assert.Equal(SummaryStatus.Deleted, await StatusAsync(id));
        var actions = await app.WithDbAsync(db => db.ModerationActions.Where(a => a.TargetType == "summary" && a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(["hide", "restore"], actions);
    }

    [Fact]
    public async Task AnAuthorCannotPublishOrRestoreToASummaryAModeratorHid()
    {
        var (author, moderator, id) = await SummaryAsync("hs-publish");
        (await author.PutAsJsonAsync("/api/v1/papers/hs-publish/summaries/mine", new PublishRequest("Second text.", 1, false, null))).EnsureSuccessStatusCode();
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("Plagiarised"))).EnsureSuccessStatusCode();

        var publish = await author.PutAsJsonAsync("/api/v1/papers/hs-publish/summaries/mine", new PublishRequest("Sneaky edit.", 2, false, null));
        var restore = await author.PostAsJsonAsync($"/api/v1/summaries/{id}/restore/1", new RestoreRequest(2, null));

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Contains("Plagiarised", (await publish.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, restore.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.SummaryRevisions.CountAsync(r => r.SummaryId == id)));
        // A private draft publishes nothing: the author may keep one.
        Assert.Equal(HttpStatusCode.OK, (await author.PutAsJsonAsync("/api/v1/papers/hs-publish/summaries/mine/draft", new SaveDraftRequest("Draft", 2, false))).StatusCode);

        (await moderator.PostAsync($"/api/v1/summaries/{id}/unhide", null)).EnsureSuccessStatusCode();
        Assert.Equal(SummaryStatus.Published, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await author.PutAsJsonAsync("/api/v1/papers/hs-publish/summaries/mine", new PublishRequest("Fixed.", 2, false, null))).StatusCode);
    }

    [Fact]
    public async Task HidingACommentItsAuthorDeletedDoesNotBringItBackOnRestore()
    {
        var (_, moderator, id) = await SummaryAsync("hs-comment");
        var commenter = await app.MemberAsync("hs-commenter");
        var comment = (await (await commenter.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Regretted"))).Content.ReadFromJsonAsync<CommentLocation>())!;
        (await commenter.DeleteAsync($"/api/v1/comments/{comment.Id}")).EnsureSuccessStatusCode();

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/comment/{comment.Id}/hide", new ModerationRequest("Abuse"))).EnsureSuccessStatusCode();
        (await moderator.PostAsync($"/api/v1/moderation/comment/{comment.Id}/restore", null)).EnsureSuccessStatusCode();

        Assert.Equal(ContentStatus.Deleted, await app.WithDbAsync(db => db.Comments.Where(c => c.Id == comment.Id).Select(c => c.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/comments/{comment.Id}")).StatusCode);
    }
}
