using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.CitedBy;
using ShortScience.Core.Rendering;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Rendering;

/// <summary>
/// Re-renders summary revisions, comments, questions and answers whose stored HTML came from an older renderer version, in
/// batches, so a renderer upgrade reaches old content. Only the derived columns change; the Markdown a
/// revision was saved with never does. One counting query when nothing is stale.
/// </summary>
public sealed class StaleContentRerenderer(
    ShortScienceDb db, IMarkdownRenderer renderer, CitationLookup citations, CitationIndex index,
    Caching.CacheEviction caches, IConfiguration configuration, ILogger<StaleContentRerenderer> logger)
{
    const long LockKey = 727002;
    readonly int _batchSize = configuration.GetValue("Rendering:RerenderBatchSize", 100);

    /// <returns>How many rows were re-rendered.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var version = renderer.Version;
        var total = await db.Database.SqlQuery<int>($"""
            SELECT ((SELECT count(*) FROM summary_revisions WHERE renderer_version < {version})
                  + (SELECT count(*) FROM comments WHERE renderer_version < {version})
                  + (SELECT count(*) FROM questions WHERE renderer_version < {version})
                  + (SELECT count(*) FROM answers WHERE renderer_version < {version}))::int AS "Value"
            """).SingleAsync(ct);
        if (total == 0) return 0;

        // Several API instances may start at once; one of them does the work.
        await db.Database.OpenConnectionAsync(ct);
        var locked = false;
        try
        {
            locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
            if (!locked)
            {
                logger.LogInformation("Another instance is re-rendering {Total} stale texts", total);
                return 0;
            }
            logger.LogInformation("Re-rendering {Total} texts rendered before renderer version {Version}", total, version);
            var done = await RerenderAllAsync(version, null, total, ct);
            await IndexCitationsAsync(ct);
            // Any page may show a re-rendered text: stored paper pages, cached reads and pages all go.
            await caches.EverythingChangedAsync(ct);
            return done;
        }
        finally
        {
            // A session lock outlives a failed or cancelled run on its pooled connection (pooled connections are
            // not reset on return: DataServiceCollectionExtensions), so it is released here whatever happened.
            if (locked) await ReleaseLockAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task ReleaseLockAsync()
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A broken connection is discarded by the pool, and its session's locks end with it.
            logger.LogWarning(e, "Could not release the re-render lock; it ends with its connection");
        }
    }

    /// <summary>The texts a render depends on changed (a paper they cite arrived, went or was renamed): these are rendered again now.</summary>
    /// <returns>How many rows were re-rendered.</returns>
    public Task<int> RerenderAsync(CitingTexts texts, CancellationToken ct = default) => RerenderAllAsync(renderer.Version, texts, texts.Count, ct);

    /// <summary>Every text of an older renderer version than <paramref name="version"/>, or only the <paramref name="texts"/> named.</summary>
    async Task<int> RerenderAllAsync(int version, CitingTexts? texts, int total, CancellationToken ct)
    {
        Expression<Func<T, bool>> Which<T>(IReadOnlyCollection<long>? ids) where T : class => texts is null
            ? r => EF.Property<int>(r, "RendererVersion") < version
            : r => ids!.Contains(EF.Property<long>(r, "Id"));
        var done = 0;
        if (texts is null || texts.RevisionIds.Count > 0)
        {
            done = await RerenderAsync(db.SummaryRevisions, Which<SummaryRevision>(texts?.RevisionIds), done, total, (r, t) =>
            {
                (r.Html, r.ExcerptHtml, r.PlainText, r.RendererVersion) = (t.Html, t.ExcerptHtml, t.PlainText, t.RendererVersion);
            }, ct);
        }
        if (texts is null || texts.CommentIds.Count > 0)
        {
            done = await RerenderAsync(db.Comments, Which<Comment>(texts?.CommentIds), done, total, (c, t) =>
            {
                (c.Html, c.PlainText, c.RendererVersion) = (t.Html, t.PlainText, t.RendererVersion);
            }, ct);
        }
        if (texts is null || texts.QuestionIds.Count > 0)
        {
            done = await RerenderAsync(db.Questions, Which<Question>(texts?.QuestionIds), done, total, (q, t) =>
            {
                (q.Html, q.PlainText, q.RendererVersion) = (t.Html, t.PlainText, t.RendererVersion);
            }, ct);
        }
        if (texts is null || texts.AnswerIds.Count > 0)
        {
            done = await RerenderAsync(db.Answers, Which<Answer>(texts?.AnswerIds), done, total, (a, t) =>
            {
                (a.Html, a.PlainText, a.RendererVersion) = (t.Html, t.PlainText, t.RendererVersion);
            }, ct);
        }
        return done;
    }

    /// <summary>Texts written before "cited by" existed (or citing papers added since) get their citations recorded.</summary>
    async Task IndexCitationsAsync(CancellationToken ct)
    {
        const string cite = "%\\cite%";
        foreach (var id in await db.Summaries.Where(s => EF.Functions.Like(s.Current!.Markdown, cite)).Select(s => s.Id).ToListAsync(ct))
            await index.RecordSummaryAsync(id, ct);
        foreach (var id in await db.Comments.Where(c => EF.Functions.Like(c.Markdown, cite)).Select(c => c.Id).ToListAsync(ct))
            await index.RecordCommentAsync(id, ct);
        foreach (var id in await db.Questions.Where(q => EF.Functions.Like(q.Markdown, cite)).Select(q => q.Id).ToListAsync(ct))
            await index.RecordQuestionAsync(id, ct);
        foreach (var id in await db.Answers.Where(a => EF.Functions.Like(a.Markdown, cite)).Select(a => a.Id).ToListAsync(ct))
            await index.RecordAnswerAsync(id, ct);
    }

    async Task<int> RerenderAsync<T>(DbSet<T> rows, Expression<Func<T, bool>> which, int done, int total,
        Action<T, RenderedText> store, CancellationToken ct)
        where T : class
    {
        long after = 0;
        while (true)
        {
            // Keyset paging by id: a text that cannot be rendered now is skipped, not retried forever.
            var batch = await rows
                .Where(which)
                .Where(r => EF.Property<long>(r, "Id") > after)
                .OrderBy(r => EF.Property<long>(r, "Id"))
                .Take(_batchSize)
                .ToListAsync(ct);
            if (batch.Count == 0) return done;
            var markdowns = batch.Select(r => db.Entry(r).Property<string>("Markdown").CurrentValue).ToList();
            var context = await citations.ResolveAsync(markdowns, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    store(batch[i], renderer.Render(markdowns[i], context));
                }
                catch (RenderRefusedException e)
                {
                    logger.LogWarning("Could not re-render {Table} {Id}: {Reason}", typeof(T).Name, db.Entry(batch[i]).Property<long>("Id").CurrentValue, e.Message);
                }
            }
            after = db.Entry(batch[^1]).Property<long>("Id").CurrentValue;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            logger.LogInformation("Re-rendered {Done}/{Total}", done, total);
        }
    }
}

/// <summary>Runs <see cref="StaleContentRerenderer"/> once, in the background, when the API starts.</summary>
public sealed class RerenderOnStartService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RerenderOnStartService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Rendering:RerenderOnStart", true)) return;
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaleContentRerenderer>().RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Stale HTML is still HTML; a failure here must not stop the API.
            logger.LogError(e, "Re-rendering stale texts failed");
        }
    }
}
