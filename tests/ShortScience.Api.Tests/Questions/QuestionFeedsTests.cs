using System.Globalization;
using System.Net;
using System.Xml.Linq;
using ShortScience.Api.Tests.Feeds;

namespace ShortScience.Api.Tests.Questions;

/// <summary>Questions and answers as RSS and Atom, per paper and site-wide, read by a real feed reader.</summary>
public sealed class QuestionFeedsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace Ss = "https://shortscience.example/ns/feed/1.0";

    /// <summary>A paper with one question and its answer (citing the paper); each test on its own paper.</summary>
    async Task<(long QuestionId, long AnswerId)> ScenarioAsync(string key, string people)
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, "Neural Machine Translation by Jointly Learning to Align", null, 2014, "Dzmitry Bahdanau"));
        var asker = await app.MemberAsync($"{people}-asker");
        var helper = await app.MemberAsync($"{people}-helper");
        var question = await asker.AskAsync(key, "Why soft alignment, not hard?", "Is $\\alpha_{ij}$ a distribution?\u0007");
        var answer = await helper.AnswerAsync(question.Id, $"Yes: a softmax over $j$, see \\cite{{{key}}}.");
        return (question.Id, answer.Id);
    }

    [Fact]
    public async Task QuestionFeedsParseCleanlyInBothFormatsAndSayWhatEachEntryIs()
    {
        var (questionId, answerId) = await ScenarioAsync("1409.0473", "qf");
        var client = app.CreateClient();
        foreach (var path in new[] { "/feeds/questions", "/feeds/papers/1409.0473/questions" })
        {
            foreach (var ext in new[] { "rss", "atom" })
            {
                var response = await client.GetAsync($"{path}.{ext}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(ext == "rss" ? "application/rss+xml" : "application/atom+xml", response.Content.Headers.ContentType?.MediaType);
                var parsed = await FeedReader.ParseAsync(await response.Content.ReadAsByteArrayAsync());

                Assert.False(parsed.Bozo, $"{path}.{ext}: {parsed.Error}");
                Assert.Equal(ext == "rss" ? "rss20" : "atom10", parsed.Version);
                var answer = Assert.Single(parsed.Entries, e => e.Id == $"tag:site.test,2026:answer/{answerId}");
                var question = Assert.Single(parsed.Entries, e => e.Id == $"tag:site.test,2026:question/{questionId}");
                Assert.True(parsed.Entries.IndexOf(answer) < parsed.Entries.IndexOf(question), "newest first");
                Assert.Equal($"http://site.test/papers/1409.0473#answer-{answerId}", answer.Link);
                Assert.Equal("qf-helper Display", answer.Author);
                Assert.Contains("<math", answer.Content[0]);
                Assert.Contains("href=\"http://site.test/papers/1409.0473\"", answer.Content[0]); // \cite, absolute
                Assert.Equal($"http://site.test/papers/1409.0473#question-{questionId}", question.Link);
                Assert.Equal("Neural Machine Translation by Jointly Learning to Align — question by qf-asker Display: Why soft alignment, not hard?",
                    question.Title);
                Assert.DoesNotContain("\u0007", question.Content[0], StringComparison.Ordinal);
                Assert.All(parsed.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary)));
            }
        }

        var atom = XDocument.Parse(await client.GetStringAsync("/feeds/questions.atom"));
        var entry = atom.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")?.Value == $"tag:site.test,2026:question/{questionId}");
        Assert.Equal("question", entry.Element(Ss + "kind")?.Value);
        Assert.Equal(questionId.ToString(CultureInfo.InvariantCulture), entry.Element(Ss + "questionId")?.Value);
        Assert.Equal("1409.0473", entry.Element(Ss + "paper")?.Attribute("key")?.Value);
    }

    [Fact]
    public async Task ANewAnswerReachesTheCachedFeedsAtOnceAndUnknownPapersHaveNone()
    {
        var (questionId, _) = await ScenarioAsync("1409.0474", "qf2");
        var client = app.CreateClient();
        var before = await client.GetStringAsync("/feeds/papers/1409.0474/questions.rss");
        Assert.Equal(before, await client.GetStringAsync("/feeds/papers/1409.0474/questions.rss"));
        await client.GetStringAsync("/feeds/questions.rss");

        var late = await app.MemberAsync("qf-late");
        await late.AnswerAsync(questionId, "Another view: attention as soft search.");

        Assert.Contains("soft search", await client.GetStringAsync("/feeds/papers/1409.0474/questions.rss"));
        Assert.Contains("soft search", await client.GetStringAsync("/feeds/questions.rss"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/papers/nope/questions.atom")).StatusCode);
    }
}
