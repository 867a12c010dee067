using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Questions;

/// <summary>A profile lists the person's shown questions and answers, newest first, each linked where it is read.</summary>
public sealed class UserQuestionsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AProfileListsTheQuestionsAskedAndTheAnswersGivenWhileTheyAreShown()
    {
        await app.WithDbAsync(async db =>
        {
            await TestData.PaperAsync(db, "uq-paper", "Batch Renormalization", null, 2017, "Sergey Ioffe");
            await TestData.PaperAsync(db, "uq-other", "Group Normalization", null, 2018, "Yuxin Wu");
        });
        var asker = await app.MemberAsync("uq-asker");
        var helper = await app.MemberAsync("uq-helper");
        var moderator = await app.ModeratorAsync("uq-moderator");
        var anonymous = app.CreateClient();

        var first = await asker.AskAsync("uq-paper", "Why renormalize at all?", "The running averages drift.");
        var second = await asker.AskAsync("uq-other", "Which group size?", "The paper uses 32.");
        var answer = await helper.AnswerAsync(first.Id, "Because small batches make the batch statistics noisy.");
        (await asker.PostAsync($"/api/v1/questions/{first.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();

        var questions = (await anonymous.GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/users/UQ-Asker/questions"))!;
        Assert.Equal([second.Id, first.Id], questions.Items.Select(q => q.Id));
        var asked = questions.Items[1];
        Assert.Equal(("Why renormalize at all?", "uq-paper", "Batch Renormalization", 1, true, $"/papers/uq-paper#question-{first.Id}"),
            (asked.Title, asked.PaperKey, asked.PaperTitle, asked.AnswerCount, asked.HasAcceptedAnswer, asked.Url));
        Assert.Empty((await anonymous.GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/users/uq-helper/questions"))!.Items);

        var given = Assert.Single((await anonymous.GetFromJsonAsync<Page<UserAnswerItem>>("/api/v1/users/uq-helper/answers"))!.Items);
        Assert.Equal((answer.Id, first.Id, "Why renormalize at all?", "uq-paper", true, $"/papers/uq-paper#answer-{answer.Id}"),
            (given.Id, given.QuestionId, given.QuestionTitle, given.PaperKey, given.Accepted, given.Url));
        Assert.Contains("noisy", given.Html);

        // Hidden by a moderator, a question leaves its asker's list, and its answers leave their writers' lists.
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{first.Id}/hide", new ModerationRequest("Testing"))).EnsureSuccessStatusCode();
        Assert.Equal([second.Id], (await anonymous.GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/users/uq-asker/questions"))!.Items.Select(q => q.Id));
        Assert.Empty((await anonymous.GetFromJsonAsync<Page<UserAnswerItem>>("/api/v1/users/uq-helper/answers"))!.Items);
    }

    [Fact]
    public async Task TheListsArePagedByCursorAndRefuseUnknownPeopleAndCursors()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "uq-many", "A Paper Asked About Often", null, 2019, "Ann Lee"));
        var asker = await app.MemberAsync("uq-curious");
        var ids = new List<long>();
        for (var i = 0; i < 22; i++) ids.Add((await asker.AskAsync("uq-many", $"Question number {i}?", "Details.")).Id);

        var anonymous = app.CreateClient();
        var page1 = (await anonymous.GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/users/uq-curious/questions"))!;
        Assert.Equal(20, page1.Items.Count);
        Assert.NotNull(page1.NextCursor);
        var page2 = (await anonymous.GetFromJsonAsync<Page<QuestionListItem>>($"/api/v1/users/uq-curious/questions?cursor={Uri.EscapeDataString(page1.NextCursor!)}"))!;
        Assert.Null(page2.NextCursor);
        ids.Reverse();
        Assert.Equal(ids, page1.Items.Concat(page2.Items).Select(q => q.Id));

        foreach (var list in new[] { "questions", "answers" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/users/nobody-by-this-name/{list}")).StatusCode);
            var refused = await anonymous.GetAsync($"/api/v1/users/uq-curious/{list}?cursor=not-a-cursor");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}
