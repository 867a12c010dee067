using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Notifications;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Notifications;

public sealed partial class NotificationsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheAuthorIsToldOfCommentsAndRepliesAndCanMarkThemRead()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "n-paper", "Notified paper"));
        var author = await app.MemberAsync("n-author");
        var asker = await app.MemberAsync("n-asker");
        var third = await app.MemberAsync("n-third");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/n-paper/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        var question = (await (await asker.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("A question"))).Content.ReadFromJsonAsync<CommentLocation>())!;
        (await third.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("An answer", question.Id))).EnsureSuccessStatusCode();
        (await author.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("My own remark"))).EnsureSuccessStatusCode();

        Assert.Equal(2, (await author.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count"))!.Count);
        var askerInbox = await asker.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications");
        var reply = Assert.Single(askerInbox!.Items);
        Assert.Contains("replied to your comment", reply.Text);
        Assert.EndsWith("#comment-" + (question.Id + 1), reply.Url);

        (await author.PostAsJsonAsync("/api/v1/notifications/read", new MarkReadRequest(null))).EnsureSuccessStatusCode();
        Assert.Equal(0, (await author.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count"))!.Count);
        Assert.All((await author.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications"))!.Items, n => Assert.True(n.Read));
    }

    [Fact]
    public async Task NotificationsAreMailedAsOneDigestWithAOneClickUnsubscribe()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "n-digest", "Digest paper"));
        var author = await app.MemberAsync("n-digest-author");
        var fans = await app.ManyMembersAsync("n-digest-fan", 3);
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/n-digest/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        foreach (var fan in fans) (await fan.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Great"))).EnsureSuccessStatusCode();

        var digests = app.Services.GetRequiredService<DigestMailer>();
        await digests.SendDigestsAsync(CancellationToken.None);
        var again = await digests.SendDigestsAsync(CancellationToken.None);

        Assert.Equal(0, again);
        var mail = await app.LastMailToAsync("n-digest-author@example.org");
        Assert.Contains("3 notifications", mail);
        Assert.Equal(3, Regex.Matches(mail, "commented on your summary").Count);
        var unsubscribe = UnsubscribeHeader().Match(mail).Groups[1].Value;
        Assert.Matches(@"List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click", mail);

        var response = await app.CreateClient().PostAsync(new Uri(unsubscribe).PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await author.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/api/v1/unsubscribe/not-a-token", null)).StatusCode);

        // The page the mail's link opens reads the state and offers to undo, with the same secret.
        var path = new Uri(unsubscribe).AbsolutePath;
        var anonymous = app.CreateClient();
        Assert.False((await anonymous.GetFromJsonAsync<EmailSubscription>(path))!.EmailNotifications);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.DeleteAsync(path)).StatusCode);
        Assert.True((await anonymous.GetFromJsonAsync<EmailSubscription>(path))!.EmailNotifications);
        Assert.True((await author.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/unsubscribe/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.DeleteAsync("/api/v1/unsubscribe/" + new string('a', 300))).StatusCode);
    }

    [Fact]
    public async Task ARemovedCommentLeavesTheInboxAndIsNeverMailedAndARepliedToAuthorIsToldItIsAReply()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "n-gone", "Vanishing paper"));
        var author = await app.MemberAsync("n-gone-author");
        var fan = await app.MemberAsync("n-gone-fan");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/n-gone/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var mine = (await (await author.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("My own remark"))).Content.ReadFromJsonAsync<CommentLocation>())!;
        (await fan.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("A reply to the author", mine.Id))).EnsureSuccessStatusCode();
        var regret = (await (await fan.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("Something I regret"))).Content.ReadFromJsonAsync<CommentLocation>())!;

        var inbox = (await author.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications"))!.Items;
        Assert.Equal(2, inbox.Count);
        Assert.Contains(inbox, n => n.Text.Contains("replied to your comment on your summary of", StringComparison.Ordinal) && n.Kind == "reply");

        (await fan.DeleteAsync($"/api/v1/comments/{regret.Id}")).EnsureSuccessStatusCode();
        var after = (await author.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications"))!.Items;
        Assert.DoesNotContain(after, n => n.Url.EndsWith("#comment-" + regret.Id, StringComparison.Ordinal));
        Assert.Single(after);
        Assert.Equal(1, (await author.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count"))!.Count);

        await app.Services.GetRequiredService<DigestMailer>().SendDigestsAsync(CancellationToken.None);
        var mail = await app.LastMailToAsync("n-gone-author@example.org");
        Assert.Contains("replied to your comment", mail);
        Assert.DoesNotContain("#comment-" + regret.Id, mail);
    }

    [GeneratedRegex(@"List-Unsubscribe:\s*<([^>]+)>")]
    private static partial Regex UnsubscribeHeader();
}
