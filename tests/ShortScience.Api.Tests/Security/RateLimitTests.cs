using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Security;

public sealed class RateLimitTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public RateLimitTests(ApiFactory app)
    {
        _app = app;
        _app.Settings["RateLimits:posting:PermitLimit"] = "3";
        _app.Settings["RateLimits:signup:PermitLimit"] = "3";
    }

    [Fact]
    public async Task PostingTooOftenIsRefusedWith429AndRetryAfter()
    {
        await _app.WithDbAsync(db => TestData.PaperAsync(db, "r-paper", "Rate paper"));
        var author = await _app.MemberAsync("r-author");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/r-paper/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var chatty = await _app.MemberAsync("r-chatty");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await chatty.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest($"comment {i}"))).StatusCode);
        var refused = await chatty.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("one more"));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Someone else is not held back by the chatty one.
        var calm = await _app.MemberAsync("r-calm");
        Assert.Equal(HttpStatusCode.Created, (await calm.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest("hello"))).StatusCode);

        // Three sign-ups from one address used the allowance; the fourth waits.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.RegisterAsync("r-fourth")).StatusCode);
    }

}

/// <summary>Publishing and restoring are posting (a fixture of their own: the class above counts its sign-ups).</summary>
public sealed class PublishRateLimitTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public PublishRateLimitTests(ApiFactory app)
    {
        _app = app;
        _app.Settings["RateLimits:posting:PermitLimit"] = "3";
    }

    [Fact]
    public async Task PublishingAndRestoringCountAsPostingButAutosavedDraftsDoNot()
    {
        await _app.WithDbAsync(db => TestData.PaperAsync(db, "r-publish", "Publish rate paper"));
        var writer = await _app.MemberAsync("r-publisher");
        var statuses = new List<HttpStatusCode>();
        var revision = 0;
        for (var i = 0; i < 3; i++)
        {
            var published = await writer.PutAsJsonAsync("/api/v1/papers/r-publish/summaries/mine", new PublishRequest($"Revision {i}", revision == 0 ? null : revision, false, null));
            statuses.Add(published.StatusCode);
            if (published.IsSuccessStatusCode) revision = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.Revision;
        }
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created, s.ToString()));

        var refused = await writer.PutAsJsonAsync("/api/v1/papers/r-publish/summaries/mine", new PublishRequest("One revision too many", revision, false, null));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var summaryId = (await (await writer.GetAsync("/api/v1/papers/r-publish/summaries/mine")).Content.ReadFromJsonAsync<MySummary>())!.SummaryId;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await writer.PostAsync($"/api/v1/summaries/{summaryId}/restore/1", null)).StatusCode);
        // What was refused is still safe in the draft, which autosave keeps writing.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync("/api/v1/papers/r-publish/summaries/mine/draft", new SaveDraftRequest($"Draft {i}", revision, false))).StatusCode);
    }
}
