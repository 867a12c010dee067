using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Citations;

/// <summary>"Cited by": every \cite in a shown summary, comment, question or answer, kept current on edit, delete and hide.</summary>
public sealed class CitedByTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task PapersAsync()
    {
        await app.WithDbAsync(async db =>
        {
            if (db.Papers.Any(p => p.Key == "cb-cited")) return;
            var cited = await TestData.PaperAsync(db, "cb-cited", "Generative Adversarial Nets", null, 2014, "Ian Goodfellow");
            cited.ArxivId = "1406.2661";
            cited.BibtexKey = "goodfellow2014generative";
            await TestData.PaperAsync(db, "cb-citing", "Progressive Growing of GANs", null, 2018, "Tero Karras");
            await TestData.PaperAsync(db, "cb-asking", "A Paper With Questions", null, 2019, "Bo Xu");
            await db.SaveChangesAsync();
        });
    }

    async Task<IReadOnlyList<CitingText>> CitedByAsync() =>
        (await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/cb-cited"))!.CitedBy ?? [];

    [Fact]
    public async Task ASummaryThatCitesAPaperIsListedOnItUntilEditedAwayHiddenOrDeleted()
    {
        await PapersAsync();
        var author = await app.MemberAsync("cb-author");
        var moderator = await app.ModeratorAsync("cb-moderator");

        var published = await author.PutAsJsonAsync("/api/v1/papers/cb-citing/summaries/mine",
            new PublishRequest("This builds on \\cite{1406.2661} by growing both networks.", null, false, null));
        published.EnsureSuccessStatusCode();
        var id = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        var citing = Assert.Single(await CitedByAsync());
        Assert.Equal(("summary", id, "cb-citing", "Progressive Growing of GANs"), (citing.Kind, citing.Id, citing.Paper.Key, citing.Paper.Title));
        Assert.Equal($"/papers/cb-citing/summaries/{id}", citing.Url);

        // Hidden by a moderator: gone; unhidden: back.
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/hide", new ModerationRequest("Testing"))).StatusCode);
        Assert.Empty(await CitedByAsync());
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{id}/unhide", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        Assert.Single(await CitedByAsync());

        // Edited to cite by BibTeX key: still one; edited to cite nothing: gone.
        (await author.PutAsJsonAsync("/api/v1/papers/cb-citing/summaries/mine",
            new PublishRequest("Builds on \\cite{goodfellow2014generative}.", 1, false, null))).EnsureSuccessStatusCode();
        Assert.Single(await CitedByAsync());
        (await author.PutAsJsonAsync("/api/v1/papers/cb-citing/summaries/mine",
            new PublishRequest("No citation any more.", 2, false, null))).EnsureSuccessStatusCode();
        Assert.Empty(await CitedByAsync());

        (await author.PutAsJsonAsync("/api/v1/papers/cb-citing/summaries/mine",
            new PublishRequest("Back to citing \\cite{arXiv:1406.2661v1}.", 3, false, null))).EnsureSuccessStatusCode();
        Assert.Single(await CitedByAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/v1/summaries/{id}")).StatusCode);
        Assert.Empty(await CitedByAsync());
    }

    [Fact]
    public async Task QuestionsAnswersAndCommentsThatCiteAPaperAreListedWhileShown()
    {
        await PapersAsync();
        var asker = await app.MemberAsync("cb-asker");
        var asked = await asker.PostAsJsonAsync("/api/v1/papers/cb-asking/questions",
            new QuestionRequest("How does this relate to GANs?", "Compare with \\cite{1406.2661}."));
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var question = (await asked.Content.ReadFromJsonAsync<QuestionView>())!;
        var answered = await (await app.MemberAsync("cb-answerer")).PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers",
            new AnswerRequest("See \\cite{goodfellow2014generative}, section 3."));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);

        var citing = await CitedByAsync();
        Assert.Contains(citing, c => c.Kind == "question" && c.Id == question.Id && c.Paper.Key == "cb-asking" && c.Author == "cb-asker" && c.AuthorName == "cb-asker Display");
        Assert.Contains(citing, c => c.Kind == "answer" && c.Paper.Key == "cb-asking" && c.Author == "cb-answerer");

        Assert.Equal(HttpStatusCode.NoContent, (await asker.DeleteAsync($"/api/v1/questions/{question.Id}")).StatusCode);
        // The question is gone, and its answers with it.
        Assert.DoesNotContain(await CitedByAsync(), c => c.Kind is "question" or "answer");
    }

    [Fact]
    public async Task ACitingCommentNamesItsAuthorUnlessTheyAreTheSummarysAnonymousAuthor()
    {
        await PapersAsync();
        var author = await app.MemberAsync("cb-anonymous");
        var published = await author.PutAsJsonAsync("/api/v1/papers/cb-citing/summaries/mine",
            new PublishRequest("A summary written anonymously.", null, true, null));
        published.EnsureSuccessStatusCode();
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        async Task<CitingText> CommentAsync(HttpClient writer, string text)
        {
            var posted = await writer.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest(text));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var id = (await posted.Content.ReadFromJsonAsync<CommentView>())!.Id;
            return Assert.Single(await CitedByAsync(), c => c.Kind == "comment" && c.Id == id);
        }

        Assert.Equal("cb-commenter", (await CommentAsync(await app.MemberAsync("cb-commenter"), "See \\cite{1406.2661}.")).Author);
        // The summary's own author replying under it is the anonymous author there, and here.
        Assert.Null((await CommentAsync(author, "As \\cite{1406.2661} shows.")).Author);
        Assert.DoesNotContain(await CitedByAsync(), c => c.Author == "cb-anonymous");
    }

    /// <summary>
    /// The cited paper's page goes out of date with whatever hides a citing text from above: its question, its
    /// summary, its paper. Read once before each change, so a stored page that outlived the change would show.
    /// </summary>
    [Fact]
    public async Task TextsCitingAPaperLeaveItsPageWithTheQuestionSummaryOrPaperAboveThem()
    {
        await app.WithDbAsync(async db =>
        {
            var cited = await TestData.PaperAsync(db, "cb2-cited", "Deep Residual Learning", null, 2016, "Kaiming He");
            cited.ArxivId = "1512.03385";
            await TestData.PaperAsync(db, "cb2-asking", "A Paper Asked About", null, 2019, "Ann Lee");
            await TestData.PaperAsync(db, "cb2-summarized", "A Paper Summarized", null, 2020, "Bo Chen");
            await db.SaveChangesAsync();
        });
        async Task<IReadOnlyList<CitingText>> CitedAsync() =>
            (await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/cb2-cited"))!.CitedBy ?? [];
        var asker = await app.MemberAsync("cb2-asker");
        var helper = await app.MemberAsync("cb2-helper");
        var moderator = await app.ModeratorAsync("cb2-moderator");

        // Only the answer cites; its question is deleted.
        var question = await ShortScience.Api.Tests.Questions.QuestionSteps.AskAsync(asker, "cb2-asking", "Skip connections?", "Why do they help?");
        var answer = await ShortScience.Api.Tests.Questions.QuestionSteps.AnswerAsync(helper, question.Id, "Read \\cite{1512.03385}.");
        Assert.Contains(await CitedAsync(), c => c.Kind == "answer" && c.Id == answer.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await asker.DeleteAsync($"/api/v1/questions/{question.Id}")).StatusCode);
        Assert.DoesNotContain(await CitedAsync(), c => c.Kind == "answer");

        // Only a comment cites; its summary is hidden, then its paper.
        var author = await app.MemberAsync("cb2-author");
        var published = await author.PutAsJsonAsync("/api/v1/papers/cb2-summarized/summaries/mine", new PublishRequest("A summary.", null, false, null));
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var commented = await helper.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments", new CommentRequest("Compare \\cite{1512.03385}."));
        Assert.Equal(HttpStatusCode.Created, commented.StatusCode);
        Assert.Contains(await CitedAsync(), c => c.Kind == "comment");
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/hide", new ModerationRequest("Testing"))).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await CitedAsync(), c => c.Kind == "comment");
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/unhide", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        var back = Assert.Single(await CitedAsync(), c => c.Kind == "comment");
        Assert.Equal("A Paper Summarized", back.Paper.Title);

        (await moderator.PostAsJsonAsync("/api/v1/moderation/paper/cb2-summarized/hide", new ModerationRequest("Spam"))).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await CitedAsync(), c => c.Kind == "comment");
    }

    [Fact]
    public async Task ACitationOfAHiddenPaperNeitherLinksToItsMissingPageNorShowsItsTitle()
    {
        await app.WithDbAsync(async db =>
        {
            var hidden = await TestData.PaperAsync(db, "cb-hidden", "A Title A Moderator Took Down", null, 2020, "Spam Author");
            hidden.ArxivId = "2001.00001";
            hidden.Status = ContentStatus.Hidden;
            await TestData.PaperAsync(db, "cb-hidden-citing", "A Paper Citing A Hidden One", null, 2021, "Ann Writer");
            await db.SaveChangesAsync();
        });
        var author = await app.MemberAsync("cb-hidden-author");

        var published = await author.PutAsJsonAsync("/api/v1/papers/cb-hidden-citing/summaries/mine",
            new PublishRequest("Compare \\cite{cb-hidden} and \\cite{2001.00001}.", null, false, null));
        published.EnsureSuccessStatusCode();
        var html = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.Html;

        Assert.DoesNotContain("/papers/cb-hidden\"", html);
        Assert.DoesNotContain("A Title A Moderator Took Down", html);
        Assert.Contains("https://arxiv.org/abs/2001.00001", html); // the arXiv id still leads somewhere useful
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/papers/cb-hidden")).StatusCode);
    }

    /// <summary>
    /// A text may cite a paper before anyone adds it. When the paper arrives (here from a .bib file whose entry key is
    /// the one cited, and by hand with the DOI a comment cites), the texts link to it and its page lists them; hidden,
    /// the paper is neither linked nor named; shown again, it is. Each page and the feed are read before each change, so
    /// a cached or stored copy that outlived it would show.
    /// </summary>
    [Fact]
    public async Task TextsWrittenBeforeTheirPaperArrivedLinkToItAndAreListedOnceItIsAdded()
    {
        await app.WithDbAsync(async db =>
        {
            await TestData.PaperAsync(db, "cb3-citing", "A Paper Citing Ones Not Here Yet", null, 2021, "Ann Early");
            await db.SaveChangesAsync();
        });
        var author = await app.MemberAsync("cb3-author");
        var member = await app.MemberAsync("cb3-member");
        var moderator = await app.ModeratorAsync("cb3-moderator");
        var reader = app.CreateClient();

        var published = await author.PutAsJsonAsync("/api/v1/papers/cb3-citing/summaries/mine",
            new PublishRequest("Builds on \\cite{lecun1998gradient}.", null, false, null));
        published.EnsureSuccessStatusCode();
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        var commented = await member.PostAsJsonAsync($"/api/v1/summaries/{summaryId}/comments",
            new CommentRequest("See also \\cite{doi:10.5555/CB3.Later}."));
        Assert.Equal(HttpStatusCode.Created, commented.StatusCode);
        var question = await ShortScience.Api.Tests.Questions.QuestionSteps.AskAsync(member, "cb3-citing", "How does it compare?",
            "With \\cite{lecun1998gradient}, that is.");

        async Task<(string Summary, string Comment, string Question)> CitingHtmlAsync()
        {
            var page = (await reader.GetFromJsonAsync<PaperDetail>("/api/v1/papers/cb3-citing"))!;
            var summary = Assert.Single(page.Summaries);
            return (summary.Html, Assert.Single(summary.Comments!).Html, Assert.Single(page.Questions!).Html);
        }
        async Task<string> FeedAsync() => await reader.GetStringAsync("/feeds/summaries.atom?limit=200");
        var before = await CitingHtmlAsync();
        Assert.Contains("/papers/add?key=lecun1998gradient", before.Summary);
        Assert.Contains("https://doi.org/10.5555/cb3.later", before.Comment);
        Assert.Contains("/papers/add?key=lecun1998gradient", await FeedAsync());

        // The cited paper arrives in a .bib file under the key the texts cite.
        var bib = "@article{lecun1998gradient, title = {Gradient-Based Learning Applied to Document Recognition}, author = {LeCun, Yann}, year = {1998}}";
        var imported = await member.PostAsync("/api/v1/papers/import", new StringContent(bib, System.Text.Encoding.UTF8, "application/x-bibtex"));
        var report = (await imported.Content.ReadFromJsonAsync<BibImportReport>())!;
        var key = Assert.Single(report.Items).PaperKey!;
        Assert.Equal(1, report.Added);

        var after = await CitingHtmlAsync();
        Assert.Contains($"/papers/{key}\"", after.Summary);
        Assert.Contains("Gradient-Based Learning Applied to Document Recognition", after.Summary);
        Assert.Contains($"/papers/{key}\"", after.Question);
        Assert.DoesNotContain("/papers/add?key=lecun1998gradient", await FeedAsync());
        var cited = (await reader.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.CitedBy!;
        Assert.Contains(cited, c => c.Kind == "summary" && c.Id == summaryId);
        Assert.Contains(cited, c => c.Kind == "question" && c.Id == question.Id);
        Assert.DoesNotContain(cited, c => c.Kind == "comment"); // the comment cites another paper, by DOI

        // The DOI's paper is added by hand.
        var added = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(
            "A Later Paper Known By Its DOI", ["Bea Late"], Year: 2022, Doi: "10.5555/CB3.Later")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var doiKey = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        Assert.Contains($"/papers/{doiKey}\"", (await CitingHtmlAsync()).Comment);
        Assert.Contains((await reader.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{doiKey}"))!.CitedBy!, c => c.Kind == "comment");

        // Hidden: the texts no longer link to it or name it, and the paper lists nothing; shown again: as before.
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/paper/{key}/hide", new ModerationRequest("Checking"))).EnsureSuccessStatusCode();
        var hidden = await CitingHtmlAsync();
        Assert.DoesNotContain($"/papers/{key}\"", hidden.Summary);
        Assert.DoesNotContain("Gradient-Based Learning", hidden.Summary);
        Assert.DoesNotContain("Gradient-Based Learning", await FeedAsync());
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/paper/{key}/restore", new ModerationRequest("Fine"))).EnsureSuccessStatusCode();
        Assert.Contains($"/papers/{key}\"", (await CitingHtmlAsync()).Summary);
        Assert.Contains((await reader.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.CitedBy!, c => c.Kind == "summary" && c.Id == summaryId);
    }

    [Fact]
    public async Task APaperTypedInByHandTakesTheCitationKeyTextsAlreadyCite()
    {
        await app.WithDbAsync(async db =>
        {
            await TestData.PaperAsync(db, "cb4-citing", "A Paper Citing By Key", null, 2021, "Ann Key");
            await db.SaveChangesAsync();
        });
        var member = await app.MemberAsync("cb4-member");
        var published = await member.PutAsJsonAsync("/api/v1/papers/cb4-citing/summaries/mine",
            new PublishRequest("As in \\cite{DBLP:conf/cb4/Hand21}.", null, false, null));
        published.EnsureSuccessStatusCode();
        var summaryId = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;

        foreach (var bad in new[] { "two words", "https://example.org/paper", "10.1234/a-doi", "1706.03762", new string('k', Limits.PaperAliasChars + 1) })
        {
            var refused = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("Refused Key Paper", CitationKey: bad)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = (await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
            Assert.True(problem.Errors.ContainsKey("citationKey") || problem.Extensions["parameter"]?.ToString() == "citationKey", bad);
        }

        var added = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(
            "A Paper Typed In By Hand", ["Hana Hand"], Year: 2021, CitationKey: " DBLP:conf/cb4/Hand21 ")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        Assert.Contains((await app.CreateClient().GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.CitedBy!, c => c.Kind == "summary" && c.Id == summaryId);
        var page = (await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/cb4-citing"))!;
        Assert.Contains($"/papers/{key}\"", Assert.Single(page.Summaries).Html);
    }
}
