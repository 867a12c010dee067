using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Comments;

public sealed class CommentsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    /// <summary>A paper with one published summary by a new member; returns (summary id, author client).</summary>
    async Task<(long Id, HttpClient Author)> SummaryAsync(string key)
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));
        var author = await app.MemberAsync($"{key}-author");
        var published = await author.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("A summary.", null, false, null));
        return ((await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId, author);
    }

    static async Task<CommentLocation> Comment(HttpClient client, long summaryId, string markdown, long? parent = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(markdown, parent));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommentLocation>())!;
    }

    [Fact]
    public async Task CommentsAndRepliesFormThreadsOneLevelDeepShownUnderTheSummary()
    {
        var (id, author) = await SummaryAsync("c-thread");
        var reader = await app.MemberAsync("c-reader");

        var question = await Comment(reader, id, "Why does $\\alpha$ matter?");
        var answer = await Comment(author, id, "Because of *scale*.", question.Id);
        var followUp = await Comment(reader, id, "Thanks!", answer.Id); // a reply to a reply joins the thread

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/c-thread");
        var summary = Assert.Single(paper!.Summaries);
        Assert.Equal(3, summary.CommentCount);
        var thread = Assert.Single(summary.Comments!);
        Assert.Equal(question.Id, thread.Id);
        Assert.Equal([answer.Id, followUp.Id], thread.Replies.Select(r => r.Id));
        Assert.All(thread.Replies, r => Assert.Equal(question.Id, r.ParentId));
        Assert.Contains("<em>scale</em>", thread.Replies[0].Html);
        Assert.Equal($"/papers/c-thread/summaries/{id}#comment-{answer.Id}", answer.Url);
    }

    [Fact]
    public async Task EditingKeepsEveryVersionAndOnlyTheAuthorMayEdit()
    {
        var (id, _) = await SummaryAsync("c-edit");
        var writer = await app.MemberAsync("c-writer");
        var other = await app.MemberAsync("c-other");
        var comment = await Comment(writer, id, "Frist!");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/v1/comments/{comment.Id}", new CommentEdit("hijacked"))).StatusCode);
        (await writer.PutAsJsonAsync($"/api/v1/comments/{comment.Id}", new CommentEdit("First!"))).EnsureSuccessStatusCode();

        var revisions = await app.CreateClient().GetFromJsonAsync<List<CommentRevisionView>>($"/api/v1/comments/{comment.Id}/revisions");
        Assert.Equal(["First!", "Frist!"], revisions!.Select(r => r.Markdown));
        var shown = (await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!.Single();
        Assert.True(shown.Edited);
        Assert.Contains("First!", shown.Html);
    }

    [Fact]
    public async Task ADeletedCommentWithRepliesStaysAsAPlaceholderAndWithoutRepliesDisappears()
    {
        var (id, author) = await SummaryAsync("c-delete");
        var reader = await app.MemberAsync("c-deleter");
        var withReply = await Comment(reader, id, "Something regrettable");
        await Comment(author, id, "A reply to it", withReply.Id);
        var alone = await Comment(reader, id, "A lonely remark");

        Assert.Equal(HttpStatusCode.Forbidden, (await author.DeleteAsync($"/api/v1/comments/{alone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/v1/comments/{withReply.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/v1/comments/{alone.Id}")).StatusCode);

        var threads = await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments");
        var placeholder = Assert.Single(threads!);
        Assert.Equal((ContentStatus.Deleted, "", null), (placeholder.Status, placeholder.Html, placeholder.Author));
        Assert.Single(placeholder.Replies);
        Assert.Equal(1, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task AnAuthorUndoesTheirOwnDeleteButNotAModerators()
    {
        var (id, _) = await SummaryAsync("c-undo");
        var writer = await app.MemberAsync("c-undoer");
        var moderator = await app.ModeratorAsync("c-undo-mod");
        var mine = await Comment(writer, id, "Deleted in haste");
        var removed = await Comment(writer, id, "Removed for cause");

        (await writer.DeleteAsync($"/api/v1/comments/{mine.Id}")).EnsureSuccessStatusCode();
        (await moderator.DeleteAsync($"/api/v1/comments/{removed.Id}")).EnsureSuccessStatusCode();
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync($"/api/v1/comments/{mine.Id}/undelete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PostAsync($"/api/v1/comments/{mine.Id}/undelete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PostAsync($"/api/v1/comments/{mine.Id}/undelete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await writer.PostAsync($"/api/v1/comments/{removed.Id}/undelete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsync("/api/v1/comments/999999999/undelete", null)).StatusCode);

        var shown = Assert.Single((await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!);
        Assert.Equal((mine.Id, ContentStatus.Visible), (shown.Id, shown.Status));
        Assert.Equal(1, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task ACommentAModeratorHidStaysOutOfSightWhenItsAuthorDeletesAndUndeletesIt()
    {
        var (id, _) = await SummaryAsync("c-hidden-undo");
        var writer = await app.MemberAsync("c-hidden-undoer");
        var moderator = await app.ModeratorAsync("c-hidden-undo-mod");
        var comment = await Comment(writer, id, "Something rude");
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/comment/{comment.Id}/hide", new ModerationRequest("Rude"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/comments/{comment.Id}")).StatusCode);
        var undo = await writer.PostAsync($"/api/v1/comments/{comment.Id}/undelete", null);
        Assert.Equal(HttpStatusCode.Conflict, undo.StatusCode);
        Assert.Equal("application/problem+json", undo.Content.Headers.ContentType?.MediaType);

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!);
        Assert.Equal(ContentStatus.Deleted, await app.WithDbAsync(db => db.Comments.Where(c => c.Id == comment.Id).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task ASummaryTakesALimitedNumberOfComments()
    {
        var (id, _) = await SummaryAsync("c-many");
        var writer = await app.MemberAsync("c-many-writer");
        await app.WithDbAsync(async db =>
        {
            var writerId = await db.Users.Where(u => u.UserName == "c-many-writer").Select(u => u.Id).SingleAsync();
            for (var i = 0; i < Limits.CommentsPerSummary - 1; i++)
            {
                db.Comments.Add(new ShortScience.Data.Entities.Comment
                {
                    SummaryId = id, UserId = writerId, Markdown = $"Comment {i}", Html = $"<p>Comment {i}</p>", CreatedAt = DateTimeOffset.UtcNow,
                    UpdatedAt = DateTimeOffset.UtcNow, Status = i % 2 == 0 ? ContentStatus.Deleted : ContentStatus.Visible,
                });
            }
            await db.SaveChangesAsync();
        });

        await Comment(writer, id, "The last that fits");
        var refused = await writer.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("One too many"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Limits.CommentsPerSummary, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.SummaryId == id)));
    }

    [Fact]
    public async Task CommentsAreValidatedAndNeedAConfirmedMember()
    {
        var (id, _) = await SummaryAsync("c-valid");
        var member = await app.MemberAsync("c-valid-member");
        var reader = await app.ReaderAsync("c-valid-reader");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("hi"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("hi"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("   "))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await member.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest(new string('x', 10_001)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("hi", ParentId: 999_999))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostAsJsonAsync("/api/v1/summaries/999999/comments", new CommentRequest("hi"))).StatusCode);
    }

    [Fact]
    public async Task ThePersonsProfileListsTheirCommentsAndPublicSummaries()
    {
        var (id, _) = await SummaryAsync("c-profile");
        var member = await app.MemberAsync("c-profiled");
        await Comment(member, id, "My remark");
        await app.WithDbAsync(db => TestData.PaperAsync(db, "c-profile-2", "Second paper"));
        await app.WithDbAsync(db => TestData.PaperAsync(db, "c-profile-3", "Third paper"));
        (await member.PutAsJsonAsync("/api/v1/papers/c-profile-2/summaries/mine", new PublishRequest("Public one", null, false, null))).EnsureSuccessStatusCode();
        (await member.PutAsJsonAsync("/api/v1/papers/c-profile-3/summaries/mine", new PublishRequest("Anonymous one", null, true, null))).EnsureSuccessStatusCode();

        var comments = await app.CreateClient().GetFromJsonAsync<Page<UserCommentItem>>("/api/v1/users/c-profiled/comments");
        var publicSummaries = await app.CreateClient().GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/users/c-profiled/summaries");
        var ownView = await member.GetFromJsonAsync<Page<SummaryListItem>>("/api/v1/users/c-profiled/summaries");

        Assert.Contains("My remark", Assert.Single(comments!.Items).Html);
        Assert.Equal(["c-profile-2"], publicSummaries!.Items.Select(s => s.Paper.Key));
        Assert.Equal(2, ownView!.Items.Count);
    }
}
