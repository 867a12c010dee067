using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Comments;

/// <summary>
/// Threads a moderator or an author closed take no new replies, and the anonymous author of a summary answering
/// under it stays anonymous to everyone but themselves and moderators (threads, comments feed, profile, notifications).
/// </summary>
public sealed class CommentRulesTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<(long Id, HttpClient Author)> SummaryAsync(string key, bool anonymous = false)
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));
        var author = await app.MemberAsync($"{key}-author");
        var published = await author.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("A summary.", null, anonymous, null));
        return ((await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId, author);
    }

    static async Task<long> CommentAsync(HttpClient client, long summaryId, string text, long? parent = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(text, parent));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CommentLocation>())!.Id;
    }

    [Fact]
    public async Task RepliesAreRefusedUnderHiddenOrDeletedComments()
    {
        var (id, _) = await SummaryAsync("cr-threads");
        var member = await app.MemberAsync("cr-member");
        var moderator = await app.ModeratorAsync("cr-mod");
        var hidden = await CommentAsync(member, id, "To be hidden");
        var replyUnderHidden = await CommentAsync(member, id, "A reply before the hide", hidden);
        var deleted = await CommentAsync(member, id, "To be deleted");
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/comment/{hidden}/hide", new ModerationRequest("Abuse"))).EnsureSuccessStatusCode();
        (await member.DeleteAsync($"/api/v1/comments/{deleted}")).EnsureSuccessStatusCode();

        foreach (var parent in new[] { hidden, deleted, replyUnderHidden })
        {
            var response = await member.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Still replying", parent));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        await CommentAsync(member, id, "A new thread is fine");
    }

    [Fact]
    public async Task TheAnonymousAuthorReplyingUnderTheirSummaryIsNotNamedToOthers()
    {
        var (id, author) = await SummaryAsync("cr-anon", anonymous: true);
        var reader = await app.MemberAsync("cr-asker");
        var moderator = await app.ModeratorAsync("cr-anon-mod");
        var question = await CommentAsync(reader, id, "Why this loss?");
        await CommentAsync(author, id, "Because it is convex.", question);

        foreach (var viewer in new[] { app.CreateClient(), reader })
        {
            var thread = (await viewer.GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!;
            var answer = Assert.Single(Assert.Single(thread).Replies);
            Assert.Equal(AnonymousAuthor.Ref, answer.Author);
            Assert.Equal("cr-asker", thread[0].Author?.UserName);
        }
        var own = (await author.GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!;
        Assert.Equal("cr-anon-author", own.Single().Replies.Single().Author?.UserName);
        var moderated = (await moderator.GetFromJsonAsync<List<CommentView>>($"/api/v1/summaries/{id}/comments"))!;
        Assert.Equal("cr-anon-author", moderated.Single().Replies.Single().Author?.UserName);

        var feed = await app.CreateClient().GetStringAsync("/feeds/comments.rss");
        Assert.Contains("Because it is convex.", feed);
        Assert.DoesNotContain("cr-anon-author", feed);
        var profile = await app.CreateClient().GetFromJsonAsync<Page<UserCommentItem>>("/api/v1/users/cr-anon-author/comments");
        Assert.Empty(profile!.Items);
        Assert.Single((await author.GetFromJsonAsync<Page<UserCommentItem>>("/api/v1/users/cr-anon-author/comments"))!.Items);
        var inbox = await reader.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications");
        var told = Assert.Single(inbox!.Items);
        Assert.DoesNotContain("cr-anon-author", told.Text);
        Assert.Contains("anonymous author", told.Text);
    }
}
