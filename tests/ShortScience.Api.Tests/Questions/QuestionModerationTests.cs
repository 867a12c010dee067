using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Questions;

/// <summary>Reports, hiding and restoring, notifications and search, for questions and answers.</summary>
public sealed class QuestionModerationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    Task PaperAsync(string key, string title) => app.WithDbAsync(db => TestData.PaperAsync(db, key, title));

    static async Task<string> FeedAsync(HttpClient client, string path) => await client.GetStringAsync(path);

    [Fact]
    public async Task OnAHiddenPaperNeitherAQuestionNorAnAnswerCanBeEdited()
    {
        await PaperAsync("qm-hidden-paper", "A paper about to be hidden");
        var asker = await app.MemberAsync("qm-hp-asker");
        var helper = await app.MemberAsync("qm-hp-helper");
        var moderator = await app.ModeratorAsync("qm-hp-mod");
        var question = await asker.AskAsync("qm-hidden-paper", "What is the loss?", "Asked before the paper went");
        var answer = await helper.AnswerAsync(question.Id, "Cross-entropy");
        (await moderator.PostAsJsonAsync("/api/v1/moderation/paper/qm-hidden-paper/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();

        var edited = await asker.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("Still there?", "Edited"));
        Assert.Equal(HttpStatusCode.NotFound, edited.StatusCode);
        Assert.Equal("application/problem+json", edited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PutAsJsonAsync($"/api/v1/answers/{answer.Id}", new AnswerRequest("Edited"))).StatusCode);
        await app.WithDbAsync(async db => Assert.Equal(1, (await db.Questions.SingleAsync(q => q.Id == question.Id)).RevisionCount));
    }

    [Fact]
    public async Task AHiddenQuestionOrAnswerLeavesListsAndFeedsAndModeratorsStillSeeItMarked()
    {
        await PaperAsync("qm-hide", "Hiding paper");
        var asker = await app.MemberAsync("qm-asker");
        var helper = await app.MemberAsync("qm-helper");
        var reporter = await app.MemberAsync("qm-reporter");
        var moderator = await app.ModeratorAsync("qm-mod");
        var question = await asker.AskAsync("qm-hide", "Buy cheap pills", "Spam body zanzibar");
        var kept = await asker.AskAsync("qm-hide", "A real question", "Real body");
        var answer = await helper.AnswerAsync(kept.Id, "Spam answer quokka");
        var anonymous = app.CreateClient();
        Assert.Contains("zanzibar", await FeedAsync(anonymous, "/feeds/papers/qm-hide/questions.rss"));
        Assert.Contains("quokka", await FeedAsync(anonymous, "/feeds/questions.atom"));

        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/v1/flags", new FlagRequest("question", question.Id.ToString(), "Spam"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync("/api/v1/flags", new FlagRequest("answer", answer.Id.ToString(), "Spam"))).StatusCode);
        var queue = await moderator.GetFromJsonAsync<Page<FlagView>>("/api/v1/moderation/flags");
        var flagged = queue!.Items.Single(f => f.TargetType == "question");
        Assert.Equal(($"/papers/qm-hide#question-{question.Id}", "qm-asker", "visible"), (flagged.TargetUrl, flagged.TargetAuthor?.UserName, flagged.TargetStatus));
        Assert.Contains("zanzibar", flagged.TargetExcerpt);
        var flaggedAnswer = queue.Items.Single(f => f.TargetType == "answer");
        Assert.Equal($"/papers/qm-hide#answer-{answer.Id}", flaggedAnswer.TargetUrl);

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/flags/{flagged.Id}/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{answer.Id}/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();

        var shown = Assert.Single(await anonymous.QuestionsAsync("qm-hide"));
        Assert.Equal((kept.Id, 0, 0), (shown.Id, shown.AnswerCount, shown.Answers.Count));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/questions/{question.Id}")).StatusCode);
        Assert.DoesNotContain("zanzibar", await FeedAsync(anonymous, "/feeds/papers/qm-hide/questions.rss"));
        Assert.DoesNotContain("quokka", await FeedAsync(anonymous, "/feeds/questions.atom"));
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers", new AnswerRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PutAsJsonAsync($"/api/v1/votes/questions/{question.Id}", new VoteRequest(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("Edited", "Edited"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.PutAsJsonAsync($"/api/v1/answers/{answer.Id}", new AnswerRequest("Edited"))).StatusCode);

        var forModerator = await moderator.QuestionsAsync("qm-hide");
        Assert.Equal(ContentStatus.Hidden, forModerator.Single(q => q.Id == question.Id).Status);
        Assert.Equal(ContentStatus.Hidden, forModerator.Single(q => q.Id == kept.Id).Answers.Single().Status);
        var log = await moderator.GetFromJsonAsync<Page<ModerationLogEntry>>("/api/v1/moderation/log");
        Assert.Contains(log!.Items, e => (e.Action, e.TargetType, e.TargetId) == ("hide", "question", question.Id.ToString()));

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{question.Id}/restore", new ModerationRequest("Fine after all"))).EnsureSuccessStatusCode();
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answers/{answer.Id}/restore", new ModerationRequest("Fine after all"))).EnsureSuccessStatusCode();
        var restored = await anonymous.QuestionsAsync("qm-hide");
        Assert.Equal(2, restored.Count);
        Assert.Equal(1, restored.Single(q => q.Id == kept.Id).AnswerCount);
        Assert.Contains("zanzibar", await FeedAsync(anonymous, "/feeds/papers/qm-hide/questions.rss"));
    }

    [Fact]
    public async Task NotificationsGoToTheAskerFollowersAndSummaryAuthorsButNeverForOnesOwnAction()
    {
        await PaperAsync("qm-notify", "Notified paper");
        var author = await app.MemberAsync("qm-n-author");
        var follower = await app.MemberAsync("qm-n-follower");
        var asker = await app.MemberAsync("qm-n-asker");
        var helper = await app.MemberAsync("qm-n-helper");
        var bystander = await app.MemberAsync("qm-n-bystander");
        (await author.PutAsJsonAsync("/api/v1/papers/qm-notify/summaries/mine", new PublishRequest("My summary.", null, false, null))).EnsureSuccessStatusCode();
        (await follower.PutAsync("/api/v1/me/follows/paper/qm-notify", null)).EnsureSuccessStatusCode();
        (await asker.PutAsync("/api/v1/me/follows/paper/qm-notify", null)).EnsureSuccessStatusCode(); // asker follows too: not told of their own question

        var question = await asker.AskAsync("qm-notify", "What is the baseline?", "Which one?");
        var answer = await helper.AnswerAsync(question.Id, "The LSTM.");
        await asker.AnswerAsync(question.Id, "Answering myself.");
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();

        async Task<List<NotificationView>> InboxAsync(HttpClient client) => [.. (await client.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications"))!.Items];
        var toAuthor = Assert.Single(await InboxAsync(author));
        Assert.Equal(("question", $"/papers/qm-notify#question-{question.Id}"), (toAuthor.Kind, toAuthor.Url));
        Assert.Contains("What is the baseline?", toAuthor.Text);
        Assert.Equal("question", Assert.Single(await InboxAsync(follower)).Kind);
        var toAsker = Assert.Single(await InboxAsync(asker));
        Assert.Equal(("answer", $"/papers/qm-notify#answer-{answer.Id}"), (toAsker.Kind, toAsker.Url));
        var toHelper = Assert.Single(await InboxAsync(helper));
        Assert.Equal("accepted", toHelper.Kind);
        Assert.Empty(await InboxAsync(bystander));

        // Taken back and accepted again, several times and at once: the helper was told once.
        (await asker.DeleteAsync($"/api/v1/questions/{question.Id}/accept")).EnsureSuccessStatusCode();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode()));
        (await asker.DeleteAsync($"/api/v1/questions/{question.Id}/accept")).EnsureSuccessStatusCode();
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();
        Assert.Equal("accepted", Assert.Single(await InboxAsync(helper)).Kind);
    }

    [Fact]
    public async Task AQuestionOrAnswerThatGoesTakesItsNotificationsWithItAndBringsThemBack()
    {
        await PaperAsync("qm-gone", "Withdrawn paper");
        var follower = await app.MemberAsync("qm-g-follower");
        var asker = await app.MemberAsync("qm-g-asker");
        var helper = await app.MemberAsync("qm-g-helper");
        var moderator = await app.ModeratorAsync("qm-g-mod");
        (await follower.PutAsync("/api/v1/me/follows/paper/qm-gone", null)).EnsureSuccessStatusCode();
        async Task<List<string>> InboxAsync(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<Page<NotificationView>>("/api/v1/notifications"))!.Items.Select(n => n.Kind)];
        async Task<int> UnreadAsync(HttpClient client) => (await client.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count"))!.Count;

        var question = await asker.AskAsync("qm-gone", "Is the proof complete?", "Lemma 3 looks thin.");
        var answer = await helper.AnswerAsync(question.Id, "See the appendix.");
        (await asker.PostAsync($"/api/v1/questions/{question.Id}/accept/{answer.Id}", null)).EnsureSuccessStatusCode();
        Assert.Equal(["question"], await InboxAsync(follower));
        Assert.Equal(["answer"], await InboxAsync(asker));
        Assert.Equal(["accepted"], await InboxAsync(helper));

        // An answer hidden by a moderator: the asker's and its author's notifications of it go, the question's stays.
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{answer.Id}/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();
        Assert.Empty(await InboxAsync(asker));
        Assert.Equal(0, await UnreadAsync(asker));
        Assert.Empty(await InboxAsync(helper));
        Assert.Equal(["question"], await InboxAsync(follower));
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/answer/{answer.Id}/restore", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        Assert.Equal(["answer"], await InboxAsync(asker));

        // The question deleted by its asker: every notification about it and its answers goes.
        (await asker.DeleteAsync($"/api/v1/questions/{question.Id}")).EnsureSuccessStatusCode();
        Assert.Empty(await InboxAsync(follower));
        Assert.Equal(0, await UnreadAsync(follower));
        Assert.Empty(await InboxAsync(asker));
        Assert.Empty(await InboxAsync(helper));
    }

    [Fact]
    public async Task SearchFindsAPaperByTheWordsOfItsVisibleQuestions()
    {
        await PaperAsync("qm-search", "Ordinary paper title");
        var asker = await app.MemberAsync("qm-s-asker");
        var moderator = await app.ModeratorAsync("qm-s-mod");
        async Task<List<string>> FindAsync(string q) =>
            [.. (await app.CreateClient().GetFromJsonAsync<SearchResults>($"/api/v1/search?q={Uri.EscapeDataString(q)}"))!.Items.Select(i => i.Key)];
        Assert.Empty(await FindAsync("axolotl"));

        var question = await asker.AskAsync("qm-search", "Does it work on axolotl data?", "Or only on **pangolin** images?");
        Assert.Equal(["qm-search"], await FindAsync("axolotl"));
        Assert.Equal(["qm-search"], await FindAsync("pangolin"));

        (await asker.PutAsJsonAsync($"/api/v1/questions/{question.Id}", new QuestionRequest("Does it work on okapi data?", "Nothing else."))).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("axolotl"));
        Assert.Equal(["qm-search"], await FindAsync("okapi"));

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{question.Id}/hide", new ModerationRequest("Off-topic"))).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("okapi"));
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/question/{question.Id}/restore", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        Assert.Equal(["qm-search"], await FindAsync("okapi"));
        (await asker.DeleteAsync($"/api/v1/questions/{question.Id}")).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("okapi"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Papers.CountAsync(p => p.Key == "qm-search")));
    }

    [Fact]
    public async Task ADeletedAccountsQuestionsAndAnswersAreEmptiedAndItsVotesWithdrawnButTheExportHadThem()
    {
        await PaperAsync("qm-leave", "Leaving paper");
        var leaver = await app.MemberAsync("qm-leaver");
        var stayer = await app.MemberAsync("qm-stayer");
        var theirs = await leaver.AskAsync("qm-leave", "Leaver's question", "Leaving words");
        var stayed = await stayer.AskAsync("qm-leave", "Stayer's question", "Stayer's words");
        var answer = await stayer.AnswerAsync(theirs.Id, "Stayer's answer");
        await leaver.AnswerAsync(stayed.Id, "Leaving answer");
        (await leaver.PutAsJsonAsync($"/api/v1/votes/questions/{stayed.Id}", new VoteRequest(1))).EnsureSuccessStatusCode();
        (await leaver.PutAsJsonAsync($"/api/v1/votes/answers/{answer.Id}", new VoteRequest(-1))).EnsureSuccessStatusCode();

        using (var zip = new System.IO.Compression.ZipArchive(await leaver.GetStreamAsync("/api/v1/me/export")))
        {
            using var questions = new StreamReader(zip.GetEntry("questions.json")!.Open());
            Assert.Contains("Leaving words", await questions.ReadToEndAsync());
            using var answers = new StreamReader(zip.GetEntry("answers.json")!.Open());
            Assert.Contains("Leaving answer", await answers.ReadToEndAsync());
        }
        (await leaver.PostAsJsonAsync("/api/v1/me/delete", new DeleteAccountRequest(TestAccounts.Password, true))).EnsureSuccessStatusCode();

        var shown = Assert.Single(await app.CreateClient().QuestionsAsync("qm-leave"));
        Assert.Equal((stayed.Id, 0, 0), (shown.Id, shown.Score, shown.AnswerCount));
        Assert.Empty(shown.Answers);
        Assert.Equal(0, await app.WithDbAsync(db => db.Answers.Where(a => a.Id == answer.Id).Select(a => a.Score + a.Downvotes).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Questions.AnyAsync(q => q.Markdown.Contains("Leaving"))));
    }
}
