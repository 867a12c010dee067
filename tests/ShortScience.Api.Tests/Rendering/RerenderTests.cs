using System.Data.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

    /// <summary>
    /// Pooled connections are not reset when they go back to the pool, so a session lock left by a failed run would be
    /// held by an idle connection and stop every later run ("another instance is re-rendering"). A run cancelled right
    /// after taking the lock releases it, and the next run does the work.
    /// </summary>
    [Fact]
    public async Task ARunThatFailsAfterTakingItsLockReleasesIt()
    {
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "1406.2661", "Generative Adversarial Networks");
            var user = await TestData.UserAsync(db, "rerender-cancelled");
            var summary = await TestData.SummaryAsync(db, paper, user, "<p>old</p>");
            var revision = await db.SummaryRevisions.SingleAsync(r => r.SummaryId == summary.Id);
            revision.RendererVersion = 0;
            await db.SaveChangesAsync();
        });
        using var cancel = new CancellationTokenSource();
        var cancelling = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IInterceptor>(new CancelAfterLock(cancel))));

        await using (var scope = cancelling.Services.CreateAsyncScope())
        {
            var run = scope.ServiceProvider.GetRequiredService<StaleContentRerenderer>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.RunAsync(cancel.Token));
        }

        Assert.True(cancel.IsCancellationRequested, "the run never took its lock");
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var held = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 727002", connection);
            Assert.Equal(0L, await held.ExecuteScalarAsync());
        }
        await using (var again = cancelling.Services.CreateAsyncScope())
        {
            Assert.True(await again.ServiceProvider.GetRequiredService<StaleContentRerenderer>().RunAsync() >= 1);
        }
    }

    sealed class CancelAfterLock(CancellationTokenSource cancel) : DbCommandInterceptor
    {
        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("pg_try_advisory_lock", StringComparison.Ordinal)) cancel.Cancel();
            return ValueTask.FromResult(result);
        }
    }
}
