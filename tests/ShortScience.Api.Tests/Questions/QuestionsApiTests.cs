using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Questions;

public sealed class QuestionsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    Task PaperAsync(string key) => app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));

    [Fact]
    public async Task AQuestionOnAPaperWithoutSummariesIsAnsweredAndListedWithItsAnswers()
    {
        await PaperAsync("qa-flow");
        var asker = await app.MemberAsync("qa-asker");
        var helper = await app.MemberAsync("qa-helper");

        var response = await asker.PostAsJsonAsync("/api/v1/papers/qa-flow/questions", new QuestionRequest("Why  $\\sqrt{d_k}$?\n", "What does *scaling* buy?"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/questions/{id}", response.Headers.Location?.OriginalString);
        var answer = await helper.AnswerAsync(id, "It keeps the softmax out of saturation: $\\frac{1}{\\sqrt{d_k}}$.");

        var json = await app.CreateClient().GetStringAsync("/api/v1/papers/qa-flow/questions");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json).RootElement.ValueKind);
        var question = Assert.Single(JsonSerializer.Deserialize<List<QuestionView>>(json, JsonSerializerOptions.Web)!);
        Assert.Equal((id, "Why $\\sqrt{d_k}$?", "qa-asker", 1), (question.Id, question.Title, question.Author.UserName, question.AnswerCount));
        Assert.Contains("<em>scaling</em>", question.Html);
        Assert.Equal($"/papers/qa-flow#question-{id}", question.Url);
        var shown = Assert.Single(question.Answers);
        Assert.Equal((answer.Id, "qa-helper", false), (shown.Id, shown.Author.UserName, shown.Accepted));
        Assert.Contains("katex", shown.Html);
        Assert.Null(shown.Markdown); // only the author gets the source back
        Assert.Equal($"/papers/qa-flow#answer-{answer.Id}", shown.Url);

        var mine = Assert.Single(await asker.QuestionsAsync("qa-flow"));
        Assert.True(mine.IsMine);
        Assert.Equal("What does *scaling* buy?", mine.Markdown);
        Assert.False(mine.Answers[0].IsMine);
        Assert.Equal(id, (await app.CreateClient().GetFromJsonAsync<QuestionView>($"/api/v1/questions/{id}"))!.Id);
    }

    [Fact]
    public async Task AskingAndAnsweringNeedAConfirmedMemberWhoIsNotBanned()
    {
        await PaperAsync("qa-who");
        var asker = await app.MemberAsync("qa-who-asker");
        var reader = await app.ReaderAsync("qa-who-reader");
        var banned = await app.MemberAsync("qa-who-banned");
        var moderator = await app.ModeratorAsync("qa-who-mod");
        (await moderator.PostAsJsonAsync("/api/v1/moderation/users/qa-who-banned/ban", new BanRequest("spam"))).EnsureSuccessStatusCode();
        var question = await asker.AskAsync("qa-who", "A question", "Body");
        var ask = new QuestionRequest("Title", "Body");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/papers/qa-who/questions", ask)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/papers/qa-who/questions", ask)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await banned.PostAsJsonAsync("/api/v1/papers/qa-who/questions", ask)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await banned.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await banned.PutAsJsonAsync($"/api/v1/votes/questions/{question.Id}", new VoteRequest(1))).StatusCode);
        Assert.Single(await app.CreateClient().QuestionsAsync("qa-who"));
    }

    [Theory]
    [InlineData("", "Body", "title")]
    [InlineData("   ", "Body", "title")]
    [InlineData("\u0007\u0008", "Body", "title")]
    [InlineData("Title", "", "markdown")]
    [InlineData("Title", " \n ", "markdown")]
    [InlineData(null, "Body", "title")]
    [InlineData("Title", null, "markdown")]
    public async Task ABlankTitleOrBodyIsRefusedNamingTheField(string? title, string? markdown, string field)
    {
        await PaperAsync($"qa-blank-{field}-{title?.Length}-{markdown?.Length}");
        var member = await app.MemberAsync($"qa-blank-{field}-{title?.Length}-{markdown?.Length}");

        var response = await member.PostAsJsonAsync($"/api/v1/papers/qa-blank-{field}-{title?.Length}-{markdown?.Length}/questions",
            new { title, markdown });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var named = problem.TryGetProperty("errors", out var errors) ? errors.TryGetProperty(field, out _) : problem.GetProperty("parameter").GetString() == field;
        Assert.True(named, problem.ToString());
    }

    [Fact]
    public async Task LimitsUnknownPapersAndUnknownQuestionsAreClearRefusals()
    {
        await PaperAsync("qa-limits");
        var member = await app.MemberAsync("qa-limits-member");
        var question = await member.AskAsync("qa-limits", "Fine", "Fine");

        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync("/api/v1/papers/qa-limits/questions",
            new QuestionRequest(new string('t', Limits.QuestionTitleChars + 1), "Body"))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await member.PostAsJsonAsync("/api/v1/papers/qa-limits/questions",
            new QuestionRequest("Title", new string('x', Limits.QuestionChars + 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await member.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers",
            new AnswerRequest(new string('x', Limits.AnswerChars + 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest(" "))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostAsJsonAsync("/api/v1/papers/no-such-paper/questions", new QuestionRequest("T", "B"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/papers/no-such-paper/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostAsJsonAsync("/api/v1/questions/999999/answers", new AnswerRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/questions/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync("/api/v1/questions?cursor=garbage")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Questions.CountAsync(q => q.Paper.Key == "qa-limits")));
    }

    [Fact]
    public async Task OnlyTheAskerAcceptsAndAcceptingAnotherAnswerReplacesTheFirst()
    {
        await PaperAsync("qa-accept");
        var asker = await app.MemberAsync("qa-acc-asker");
        var first = await app.MemberAsync("qa-acc-first");
        var second = await app.MemberAsync("qa-acc-second");
        var moderator = await app.ModeratorAsync("qa-acc-mod");
        var question = await asker.AskAsync("qa-accept", "Which optimizer?", "Adam or SGD?");
        var other = await asker.AskAsync("qa-accept", "Another", "Another");
        var a1 = await first.AnswerAsync(question.Id, "Adam.");
        var a2 = await second.AnswerAsync(question.Id, "SGD with momentum.");
        var elsewhere = await first.AnswerAsync(other.Id, "Unrelated.");
        (await asker.PutAsJsonAsync($"/api/v1/votes/answers/{a1.Id}", new VoteRequest(1))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await first.PostAsync($"/api/v1/questions/{question.Id}/accept/{a1.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync($"/api/v1/questions/{question.Id}/accept/{a1.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/questions/{question.Id}/accept/{a1.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{elsewhere.Id}", null)).StatusCode);

        // Before any acceptance the best-scored answer leads; the accepted one leads whatever its score.
        Assert.Equal([a1.Id, a2.Id], (await app.CreateClient().QuestionsAsync("qa-accept")).Single(q => q.Id == question.Id).Answers.Select(a => a.Id));
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{a2.Id}", null)).EnsureSuccessStatusCode();
        var shown = (await app.CreateClient().QuestionsAsync("qa-accept")).Single(q => q.Id == question.Id);
        Assert.Equal(a2.Id, shown.AcceptedAnswerId);
        Assert.Equal([(a2.Id, true), (a1.Id, false)], shown.Answers.Select(a => (a.Id, a.Accepted)));

        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{a1.Id}", null)).EnsureSuccessStatusCode();
        shown = (await app.CreateClient().QuestionsAsync("qa-accept")).Single(q => q.Id == question.Id);
        Assert.Equal([(a1.Id, true), (a2.Id, false)], shown.Answers.Select(a => (a.Id, a.Accepted)));

        Assert.Equal(HttpStatusCode.Forbidden, (await first.DeleteAsync($"/api/v1/questions/{question.Id}/accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await asker.DeleteAsync($"/api/v1/questions/{question.Id}/accept")).StatusCode);
        shown = (await app.CreateClient().QuestionsAsync("qa-accept")).Single(q => q.Id == question.Id);
        Assert.Null(shown.AcceptedAnswerId);
        Assert.All(shown.Answers, a => Assert.False(a.Accepted));

        // Deleting the accepted answer takes the acceptance with it.
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{a2.Id}", null)).EnsureSuccessStatusCode();
        (await second.DeleteAsync($"/api/v1/answers/{a2.Id}")).EnsureSuccessStatusCode();
        shown = (await app.CreateClient().QuestionsAsync("qa-accept")).Single(q => q.Id == question.Id);
        Assert.Equal((null, 1), (shown.AcceptedAnswerId, shown.AnswerCount));
    }

    [Fact]
    public async Task EditingKeepsEveryRevisionAndOnlyTheAuthorMayEdit()
    {
        await PaperAsync("qa-edit");
        var asker = await app.MemberAsync("qa-edit-asker");
        var helper = await app.MemberAsync("qa-edit-helper");
        var question = await asker.AskAsync("qa-edit", "Frist title", "Frist body");
        var answer = await helper.AnswerAsync(question.Id, "Frist answer");

        Assert.Equal(HttpStatusCode.Forbidden, (await helper.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("Hijack", "Hijack"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PutAsJsonAsync($"/api/v1/answers/{answer.Id}", new AnswerRequest("Hijack"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await asker.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest(" ", "Body"))).StatusCode);
        var edited = await (await asker.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("First title", "First *body*")))
            .Content.ReadFromJsonAsync<QuestionView>();
        (await helper.PutAsJsonAsync($"/api/v1/answers/{answer.Id}", new AnswerRequest("First answer"))).EnsureSuccessStatusCode();

        Assert.Equal("First title", edited!.Title);
        var questionRevisions = await app.CreateClient().GetFromJsonAsync<List<QuestionRevisionView>>($"/api/v1/questions/{question.Id}/revisions");
        Assert.Equal([(2, "First title", "First *body*"), (1, "Frist title", "Frist body")], questionRevisions!.Select(r => (r.Number, r.Title, r.Markdown)));
        var answerRevisions = await app.CreateClient().GetFromJsonAsync<List<AnswerRevisionView>>($"/api/v1/answers/{answer.Id}/revisions");
        Assert.Equal(["First answer", "Frist answer"], answerRevisions!.Select(r => r.Markdown));
        var shown = Assert.Single(await app.CreateClient().QuestionsAsync("qa-edit"));
        Assert.True(shown.Edited && shown.Answers[0].Edited);
        Assert.Contains("<em>body</em>", shown.Html);
        Assert.Contains("First answer", shown.Answers[0].Html);
    }

    [Fact]
    public async Task DeletingIsSoftForTheAuthorOrAModeratorAndAModeratorsDeleteIsLogged()
    {
        await PaperAsync("qa-delete");
        var asker = await app.MemberAsync("qa-del-asker");
        var helper = await app.MemberAsync("qa-del-helper");
        var moderator = await app.ModeratorAsync("qa-del-mod");
        var kept = await asker.AskAsync("qa-delete", "Kept", "Kept");
        var gone = await asker.AskAsync("qa-delete", "Gone", "Gone");
        var answer = await helper.AnswerAsync(kept.Id, "Spam answer");

        Assert.Equal(HttpStatusCode.Forbidden, (await helper.DeleteAsync($"/api/v1/questions/{gone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.DeleteAsync($"/api/v1/answers/{answer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await asker.DeleteAsync($"/api/v1/questions/{gone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.DeleteAsync($"/api/v1/answers/{answer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asker.DeleteAsync($"/api/v1/questions/{gone.Id}")).StatusCode);

        var shown = Assert.Single(await app.CreateClient().QuestionsAsync("qa-delete"));
        Assert.Equal((kept.Id, 0), (shown.Id, shown.Answers.Count));
        Assert.Equal(0, shown.AnswerCount);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/questions/{gone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PostAsJsonAsync($"/api/v1/questions/{gone.Id}/answers", new AnswerRequest("late"))).StatusCode);
        var log = await moderator.GetFromJsonAsync<Page<ModerationLogEntry>>("/api/v1/moderation/log");
        var entry = Assert.Single(log!.Items, e => e.TargetType == "answer");
        Assert.Equal(("delete", answer.Id.ToString(), "qa-del-mod"), (entry.Action, entry.TargetId, entry.Moderator?.UserName));
        Assert.DoesNotContain(log.Items, e => e.TargetType == "question"); // the asker's own delete is no moderation
        // Soft: the rows and their history stay.
        Assert.Equal(2, await app.WithDbAsync(db => db.Questions.CountAsync(q => q.Paper.Key == "qa-delete")));
    }

    [Fact]
    public async Task VotesOnQuestionsAndAnswersCountOncePerPersonAndNeverForTheirAuthor()
    {
        await PaperAsync("qa-votes");
        var asker = await app.MemberAsync("qa-vote-asker");
        var helper = await app.MemberAsync("qa-vote-helper");
        var voter = await app.MemberAsync("qa-vote-voter");
        var question = await asker.AskAsync("qa-votes", "Q", "Q");
        var answer = await helper.AnswerAsync(question.Id, "A");

        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PutAsJsonAsync($"/api/v1/votes/questions/{question.Id}", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.PutAsJsonAsync($"/api/v1/votes/answer/{answer.Id}", new VoteRequest(1))).StatusCode);
        var result = await (await voter.PutAsJsonAsync($"/api/v1/votes/question/{question.Id}", new VoteRequest(1))).Content.ReadFromJsonAsync<VoteResult>();
        Assert.Equal(("question", 1, 1), (result!.TargetType, result.Score, result.MyVote));
        (await voter.PutAsJsonAsync($"/api/v1/votes/questions/{question.Id}", new VoteRequest(1))).EnsureSuccessStatusCode(); // again: no change
        (await voter.PutAsJsonAsync($"/api/v1/votes/answers/{answer.Id}", new VoteRequest(-1))).EnsureSuccessStatusCode();
        (await asker.PutAsJsonAsync($"/api/v1/votes/answers/{answer.Id}", new VoteRequest(-1))).EnsureSuccessStatusCode();
        result = await (await asker.PutAsJsonAsync($"/api/v1/votes/answers/{answer.Id}", new VoteRequest(1))).Content.ReadFromJsonAsync<VoteResult>();
        Assert.Equal(("answer", 0), (result!.TargetType, result.Score));

        var seen = Assert.Single(await voter.QuestionsAsync("qa-votes"));
        Assert.Equal((1, 1, 0, -1), (seen.Score, seen.MyVote, seen.Answers[0].Score, seen.Answers[0].MyVote));
        var counts = await app.WithDbAsync(db => db.Answers.Where(a => a.Id == answer.Id).Select(a => new { a.Upvotes, a.Downvotes }).SingleAsync());
        Assert.Equal((1, 1), (counts.Upvotes, counts.Downvotes));
        Assert.Equal(HttpStatusCode.NotFound, (await voter.PutAsJsonAsync("/api/v1/votes/answers/999999", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await voter.PutAsJsonAsync($"/api/v1/votes/replies/{answer.Id}", new VoteRequest(1))).StatusCode);
    }

    [Fact]
    public async Task TheUnansweredListHoldsOnlyVisibleQuestionsWithoutAnAnswerPageByPage()
    {
        await PaperAsync("qa-open");
        var asker = await app.MemberAsync("qa-open-asker");
        var helper = await app.MemberAsync("qa-open-helper");
        var answered = await asker.AskAsync("qa-open", "Answered", "x");
        await helper.AnswerAsync(answered.Id, "Here.");
        var open = new List<long>();
        for (var i = 0; i < 3; i++) open.Add((await asker.AskAsync("qa-open", $"Open {i}", "x")).Id);
        var deleted = await asker.AskAsync("qa-open", "Deleted", "x");
        (await asker.DeleteAsync($"/api/v1/questions/{deleted.Id}")).EnsureSuccessStatusCode();

        var first = await app.CreateClient().GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/questions?unanswered=true&limit=2");
        var second = await app.CreateClient().GetFromJsonAsync<Page<QuestionListItem>>($"/api/v1/questions?unanswered=true&limit=2&cursor={first!.NextCursor}");
        var all = await app.CreateClient().GetFromJsonAsync<Page<QuestionListItem>>("/api/v1/questions");

        var listed = first.Items.Concat(second!.Items).Where(q => q.PaperKey == "qa-open").ToList();
        Assert.Equal(open.AsEnumerable().Reverse(), listed.Select(q => q.Id));
        Assert.All(listed, q => Assert.Equal((0, $"/papers/qa-open#question-{q.Id}", "Paper qa-open"), (q.AnswerCount, q.Url, q.PaperTitle)));
        Assert.Contains(all!.Items, q => q.Id == answered.Id && q.AnswerCount == 1);
        Assert.DoesNotContain(all.Items, q => q.Id == deleted.Id);
    }
}
