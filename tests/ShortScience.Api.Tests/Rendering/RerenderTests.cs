using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Rendering;
using ShortScience.Core.Rendering;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Rendering;

public sealed class RerenderTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TextsRenderedByAnOlderVersionAreRenderedAgainAndCurrentOnesAreLeftAlone()
    {
        long staleRevision = 0, currentRevision = 0, staleComment = 0;
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "1312.6114", "Auto-Encoding Variational Bayes");
            var user = await TestData.UserAsync(db, "rerender");
            var summary = await TestData.SummaryAsync(db, paper, user, "<p>old</p>");
            var revision = await db.SummaryRevisions.SingleAsync(r => r.SummaryId == summary.Id);
            revision.Markdown = "The ELBO $\\log p(x) \\ge \\mathcal{L}$, see \\cite{1312.6114}.";
            revision.RendererVersion = 0;
            var current = new SummaryRevision
            {
                SummaryId = summary.Id, Number = 2, Markdown = "*new*", Html = "<p>kept as is</p>", EditorId = user.Id,
                RendererVersion = app.Services.GetRequiredService<IMarkdownRenderer>().Version, CreatedAt = DateTimeOffset.UtcNow,
            };
            var comment = new Comment
            {
                SummaryId = summary.Id, UserId = user.Id, Markdown = "Nice $x^2$", Html = "old", RendererVersion = 0,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.AddRange(current, comment);
            await db.SaveChangesAsync();
            (staleRevision, currentRevision, staleComment) = (revision.Id, current.Id, comment.Id);
        });

        int done;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            done = await scope.ServiceProvider.GetRequiredService<StaleContentRerenderer>().RunAsync();
        }

        Assert.Equal(2, done);
        await app.WithDbAsync(async db =>
        {
            var version = app.Services.GetRequiredService<IMarkdownRenderer>().Version;
            var revision = await db.SummaryRevisions.SingleAsync(r => r.Id == staleRevision);
            Assert.Equal(version, revision.RendererVersion);
            Assert.Contains("class=\"katex\"", revision.Html);
            Assert.Contains(">Auto-Encoding Variational Bayes</a>", revision.Html);
            Assert.Contains("katex", revision.ExcerptHtml);
            Assert.StartsWith("The ELBO \\log p(x)", revision.PlainText);
            Assert.Equal("<p>kept as is</p>", (await db.SummaryRevisions.SingleAsync(r => r.Id == currentRevision)).Html);
            var comment = await db.Comments.SingleAsync(c => c.Id == staleComment);
            Assert.Equal(version, comment.RendererVersion);
            Assert.Contains("katex", comment.Html);
        });

        await using (var again = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await again.ServiceProvider.GetRequiredService<StaleContentRerenderer>().RunAsync());
        }
    }
}
