using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Questions;

/// <summary>Where a new answer's address leads, how many answers one question takes, and what "answered" means in lists.</summary>
public sealed class QuestionLimitsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ANewAnswersLocationAnswersWithItWhileItIsShown()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "ql-where", "Where answers live"));
        var asker = await app.MemberAsync("ql-where-asker");
        var helper = await app.MemberAsync("ql-where-helper");
        var moderator = await app.ModeratorAsync("ql-where-mod");
        var question = await asker.AskAsync("ql-where", "Where?", "Here.");

        var posted = await helper.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("Right *here*."));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var created = (await posted.Content.ReadFromJsonAsync<AnswerView>())!;
        var located = await app.CreateClient().GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        var answer = (await located.Content.ReadFromJsonAsync<AnswerView>())!;
        Assert.Equal((created.Id, question.Id, "ql-where-helper", created.Html), (answer.Id, answer.QuestionId, answer.Author.UserName, answer.Html));
        Assert.Contains("<em>here</em>", answer.Html);

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{created.Id}/hide", new ModerationRequest("off topic"))).EnsureSuccessStatusCode();
        var hidden = await app.CreateClient().GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(posted.Headers.Location)).StatusCode); // moderators see hidden things, marked
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/answers/987654321")).StatusCode);
    }

    [Fact]
    public async Task AQuestionTakesALimitedNumberOfAnswersWhateverBecameOfThem()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "ql-many", "Many answers"));
        var asker = await app.MemberAsync("ql-many-asker");
        var helper = await app.MemberAsync("ql-many-helper");
        var question = await asker.AskAsync("ql-many", "Popular?", "Very.");
        var first = await helper.AnswerAsync(question.Id, "The first");
        Assert.Equal(HttpStatusCode.NoContent, (await helper.DeleteAsync($"/api/v1/answers/{first.Id}")).StatusCode);
        // The rest arranged directly (the posting rate limit would take hours): one short of the limit, deleted one included.
        await app.WithDbAsync(async db =>
        {
            var helperId = await db.Users.Where(u => u.UserName == "ql-many-helper").Select(u => u.Id).SingleAsync();
            for (var i = 1; i < Limits.AnswersPerQuestion - 1; i++)
            {
                db.Answers.Add(new Answer { QuestionId = question.Id, UserId = helperId, Markdown = $"Answer {i}", Html = $"<p>Answer {i}</p>", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
        });

        await helper.AnswerAsync(question.Id, "The last one that fits");
        var refused = await helper.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("One too many"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{Limits.AnswersPerQuestion}", (await refused.Content.ReadAsStringAsync()).Replace(",", ""));
        Assert.Equal(Limits.AnswersPerQuestion, await app.WithDbAsync(db => db.Answers.CountAsync(a => a.QuestionId == question.Id)));
    }

    [Fact]
    public async Task AQuestionIsListedAsAnsweredOnlyWhileItsAcceptedAnswerIsShown()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "ql-accepted", "Accepted answers"));
        var asker = await app.MemberAsync("ql-acc-asker");
        var helper = await app.MemberAsync("ql-acc-helper");
        var moderator = await app.ModeratorAsync("ql-acc-mod");
        var question = await asker.AskAsync("ql-accepted", "Which one?", "Pick.");
        var answer = await helper.AnswerAsync(question.Id, "This one.");
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();

        async Task<bool> ListedAsAnsweredAsync() =>
            (await app.CreateClient().GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/questions?limit=100"))!.Items
                .Single(q => q.Id == question.Id).HasAcceptedAnswer;

        Assert.True(await ListedAsAnsweredAsync());
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{answer.Id}/hide", new ModerationRequest("wrong"))).EnsureSuccessStatusCode();
        Assert.False(await ListedAsAnsweredAsync());
        Assert.Null((await app.CreateClient().GetFromJsonAsync<QuestionView>($"/api/v1/questions/{question.Id}"))!.AcceptedAnswerId);
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{answer.Id}/restore", new ModerationRequest("fine"))).EnsureSuccessStatusCode();
        Assert.True(await ListedAsAnsweredAsync());

        // The answerer leaves: their answers go, and the question is unanswered again everywhere.
        (await helper.PostAsJsonAsync("/api/v1/me/delete", new { password = TestAccounts.Password, keepSummaries = false })).EnsureSuccessStatusCode();
        Assert.False(await ListedAsAnsweredAsync());
        Assert.Null(await app.WithDbAsync(db => db.Questions.Where(q => q.Id == question.Id).Select(q => q.AcceptedAnswerId).SingleAsync()));
    }
}
