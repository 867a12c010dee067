using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Demo;
using ShortScience.Data;

namespace ShortScience.Api.Tests.Hosting;

public sealed class DemoSeederTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DemoLoadsOnceIntoAnEmptyDatabaseAndNeverAgain()
    {
        async Task<bool> Seed()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }

        var results = await Task.WhenAll(Seed(), Seed());
        var again = await Seed();

        Assert.Equal(1, results.Count(loaded => loaded));
        Assert.False(again);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(3, await db.Venues.CountAsync());
            Assert.InRange(await db.Papers.CountAsync(), 12, 14);
            Assert.Equal(15, await db.Summaries.CountAsync());
            Assert.Equal(4, await db.Papers.Select(p => p.Year).Distinct().CountAsync());
            // Every summary points at its newest revision, whose HTML was rendered from Markdown.
            var summaries = await db.Summaries.Include(s => s.Current).ToListAsync();
            Assert.All(summaries, s => Assert.Equal(s.CurrentRevision, s.Current!.Number));
            Assert.All(summaries, s => Assert.Contains("<p>", s.Current!.Html));
            Assert.All(summaries, s => Assert.DoesNotContain("\n## ", s.Current!.Html));
            Assert.Equal(1, summaries.Count(s => s.Anonymous));

            // A discussion to look at: comment threads with a reply, answered and unanswered questions, one accepted.
            var comments = await db.Comments.ToListAsync();
            Assert.Equal(3, comments.Count);
            Assert.Single(comments, c => c.ParentId is not null);
            Assert.Equal(2, await db.Summaries.Where(s => s.Paper.Key == "1701.07875").Select(s => s.CommentCount).SingleAsync());
            var questions = await db.Questions.Include(q => q.Answers).ToListAsync();
            Assert.Equal(3, questions.Count);
            Assert.Single(questions, q => q.AnswerCount == 0 && q.Answers.Count == 0);
            var accepted = Assert.Single(questions, q => q.AcceptedAnswerId is not null);
            Assert.Contains(accepted.Answers, a => a.Id == accepted.AcceptedAnswerId);
            var texts = comments.Select(c => c.Html).Concat(questions.Select(q => q.Html)).Concat(questions.SelectMany(q => q.Answers).Select(a => a.Html)).ToList();
            Assert.All(texts, html => Assert.DoesNotContain("math-error", html));
            Assert.Equal(5, texts.Count(html => html.Contains("class=\"katex\"", StringComparison.Ordinal)));

            // "Cited by" as the write paths would have kept it: a summary citing GAN, an answer citing batch norm.
            async Task<List<string>> CitedBy(string key) => (await ShortScience.Api.CitedBy.CitationIndex.CitedByAsync(db,
                await db.Papers.Where(p => p.Key == key).Select(p => p.Id).SingleAsync(), CancellationToken.None)).Select(c => $"{c.Kind} {c.Paper.Key}").ToList();
            Assert.Contains("summary 1701.07875", await CitedBy("1406.2661"));
            Assert.Equal(["answer 1611.03530"], await CitedBy("1502.03167"));
            Assert.Contains("answer 1409.3215", await CitedBy("1409.0473"));
        });
    }
}
