using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;
using ShortScience.Core.Rendering;
using ShortScience.Data;

namespace ShortScience.Api.Papers;

/// <summary>
/// The paper page as anyone not signed in gets it, assembled once after each change and then handed out as stored
/// bytes: one indexed statement and no serialization per read, instead of the queries and the re-serialization of
/// <see cref="PaperDetails.LoadAsync(ShortScienceDb, string, HttpContext, CancellationToken)"/> (which still builds it,
/// and answers moderators, who also see hidden texts). Signed-in readers get the same document with their own votes
/// and texts marked (<see cref="GetMarkedAsync"/>).
/// <para>
/// Freshness without locks: every change to what the page shows bumps the paper's <c>page_version</c>
/// (<see cref="Caching.CacheEviction"/>, after the change is saved and before any cache is evicted), and a change too
/// wide to trace bumps the one <c>page_epoch</c>. A reader reads the version and the epoch before it reads the
/// paper, and stores what it built under them: a change saved while it was building bumps past them, so its document
/// is out of date at once and the next reader builds again. Nothing stale can outlive the write that made it stale.
/// </para>
/// </summary>
public sealed class PaperDocuments(NpgsqlDataSource primary, IMarkdownRenderer renderer, IOptions<JsonOptions> json, ILogger<PaperDocuments> logger)
{
    /// <summary>The shape of a stored document; raise it when <c>PaperDetail</c> or the anonymous view's rules change.</summary>
    public const int Shape = 3; // 2: the venue's kind; 3: the authors of citing comments, questions and answers

    // A renderer upgrade changes the abstract's math (texts are re-rendered and bump the epoch; abstracts are not stored).
    int Format => Shape * 10_000 + renderer.Version;

    // The epoch by its key and the document by the paper's: one index probe each, whatever the planner's statistics
    // say. Joined as plain tables, a never-analyzed page_epoch was estimated at 2,040 rows and the prepared (generic)
    // plan hashed every stored document per read: 0.58 ms with 631 documents and growing with each one stored,
    // against 0.09 ms this way (bench data, 2026-12-03; PaperDocumentsTests checks the plan).
    public const string ReadSql = """
        SELECT p.id, p.page_version, e.epoch, d.document
        FROM papers p
        CROSS JOIN (SELECT epoch FROM page_epoch WHERE id = 1) e
        LEFT JOIN LATERAL (
            SELECT document FROM paper_documents
            WHERE paper_id = p.id AND version = p.page_version AND epoch = e.epoch AND format = $2
        ) d ON true
        WHERE p.key = $1 AND p.status = 0
        """;

    // A document built at an older version or epoch never replaces a newer one (a lagging standby's reader, a slow build).
    const string StoreSql = """
        INSERT INTO paper_documents (paper_id, version, epoch, format, document, built_at)
        VALUES ($1, $2, $3, $4, $5, now())
        ON CONFLICT (paper_id) DO UPDATE
        SET version = excluded.version, epoch = excluded.epoch, format = excluded.format, document = excluded.document, built_at = excluded.built_at
        WHERE (paper_documents.epoch, paper_documents.version) <= (excluded.epoch, excluded.version)
        """;

    /// <summary>Whether the request gets the shared document: nobody is signed in, so nothing on the page is theirs.</summary>
    public static bool Serves(HttpContext http) => http.User.UserId() is null;

    /// <summary>
    /// Whether the request gets the shared document marked with the reader's own votes and texts: a signed-in reader
    /// who moderates nothing sees exactly what everyone sees, plus those marks. Moderators also see hidden texts, so
    /// their page is still built for them.
    /// </summary>
    public static bool ServesMarked(HttpContext http) => http.User.UserId() is not null && !http.User.IsModerator();

    // Nobody signed in: the viewer the shared document is built for, whoever's request builds it.
    static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    /// <summary>The anonymous page of a shown paper as UTF-8 JSON, or null when there is no such paper.</summary>
    public async Task<byte[]?> GetAsync(ShortScienceDb db, string key, HttpContext http, CancellationToken ct) =>
        (await ReadAsync(db, key, viewer: null, http.RequestServices, ct))?.Document;

    /// <summary>
    /// The page of a signed-in reader who moderates nothing (<see cref="ServesMarked"/>): the shared document, read in
    /// the same round trip as the reader's marks on this paper (<see cref="ViewerMarks"/>), with those marks applied;
    /// a paper the reader never wrote on or voted on is the shared bytes as they are. The same as
    /// <see cref="PaperDetails.LoadAsync(ShortScienceDb, string, HttpContext, CancellationToken)"/> would build for
    /// them (PaperDocumentsTests compares the two), for one statement instead of eight.
    /// </summary>
    public async Task<MarkedPage?> GetMarkedAsync(ShortScienceDb db, string key, HttpContext http, CancellationToken ct)
    {
        var viewer = http.User.RequiredUserId();
        if (await ReadAsync(db, key, viewer, http.RequestServices, ct) is not { } read) return null;
        // Built just now (no document was stored): the marks were read before the build, so read them again after it.
        var marks = read.Marks ?? await ReadMarksAsync(db, key, viewer, ct);
        return marks.IsEmpty
            ? new MarkedPage(read.Document, null)
            : new MarkedPage(read.Document, marks.ApplyTo(JsonSerializer.Deserialize<PaperDetail>(read.Document, json.Value.SerializerOptions)!));
    }

    /// <summary>A signed-in reader's page: <see cref="Marked"/>, or the shared document's bytes when nothing on it is theirs.</summary>
    public sealed record MarkedPage(byte[] Shared, PaperDetail? Marked);

    sealed record Read(byte[] Document, ViewerMarks? Marks);

    // The paper's id and the version and epoch it was read at; the stored document, when it is current.
    sealed record Probe(long Id, long Version, long Epoch, Read? Stored);

    async Task<Read?> ReadAsync(ShortScienceDb db, string key, Guid? viewer, IServiceProvider services, CancellationToken ct)
    {
        // The context's own connection: a read routed to a standby reads the standby's copy.
        var probe = await db.WithConnectionAsync(async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var document = new NpgsqlBatchCommand(ReadSql);
            document.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key, NpgsqlDbType = NpgsqlDbType.Text });
            document.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Format });
            batch.BatchCommands.Add(document);
            if (viewer is { } me) batch.BatchCommands.Add(ViewerMarks.Command(key, me));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            var (id, version, epoch) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            var stored = await reader.IsDBNullAsync(3, ct) ? null
                : new Read(await reader.GetFieldValueAsync<byte[]>(3, ct), viewer is null ? null : await NextMarksAsync(reader, ct));
            return new Probe(id, version, epoch, stored);
        }, ct);
        if (probe is null) return null;
        if (probe.Stored is { } current) return current;

        // Built for nobody, whoever asked: the stored document is everyone's.
        var detail = await PaperDetails.LoadAsync(db, key, Nobody, services, ct);
        if (detail is null) return null; // hidden between the two reads
        var built = JsonSerializer.SerializeToUtf8Bytes(detail, json.Value.SerializerOptions);
        await StoreAsync(probe.Id, probe.Version, probe.Epoch, built, ct);
        return new Read(built, null);
    }

    static async Task<ViewerMarks> NextMarksAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.NextResultAsync(ct); // the document's row was the only one: keys are unique
        return await ViewerMarks.ReadAsync(reader, ct);
    }

    static Task<ViewerMarks> ReadMarksAsync(ShortScienceDb db, string key, Guid viewer, CancellationToken ct) => db.WithConnectionAsync(async connection =>
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { ViewerMarks.Command(key, viewer) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ViewerMarks.ReadAsync(reader, ct);
    }, ct);

    async Task StoreAsync(long paperId, long version, long epoch, byte[] document, CancellationToken ct)
    {
        try
        {
            // Always on the primary: the read may have come from a standby.
            await using var command = primary.CreateCommand(StoreSql);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = paperId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = epoch });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Format });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = document });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The reader has its page; the next one builds again.
            logger.LogWarning(ex, "Could not store the page document of paper {PaperId}", paperId);
        }
    }

    /// <summary>The pages of these papers (by exact key) are out of date: called after the change is saved.</summary>
    public static async Task ChangedAsync(ShortScienceDb db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        var array = keys.ToArray();
        await db.Papers.Where(p => array.Contains(p.Key)).ExecuteUpdateAsync(s => s.SetProperty(p => p.PageVersion, p => p.PageVersion + 1), ct);
    }

    /// <summary>Every stored page is out of date (a change too wide to trace).</summary>
    public static Task EverythingChangedAsync(ShortScienceDb db, CancellationToken ct) =>
        db.PageEpochs.ExecuteUpdateAsync(s => s.SetProperty(e => e.Epoch, e => e.Epoch + 1), ct);
}
