using Npgsql;

namespace ShortScience.Bench.Generate;

/// <summary>
/// Loading is fastest into bare tables: the loaded tables' indexes, keys and foreign keys are recorded, dropped,
/// and rebuilt after the data is in (two at a time, biggest first), and their triggers are off while loading.
/// </summary>
public sealed class Schema(NpgsqlDataSource db)
{
    public static readonly string[] Tables =
    [
        "venues", "venue_aliases", "AspNetUsers", "AspNetUserRoles", "authors", "papers", "paper_authors", "summaries",
        "summary_revisions", "comments", "comment_revisions", "votes", "summary_daily_stats", "drafts", "paper_edits",
        "follows", "notifications",
    ];

    readonly List<(string Name, string Sql, bool ForeignKey)> _saved = [];

    public async Task DropAsync()
    {
        var list = string.Join(", ", Tables.Distinct().Select(t => $"'\"{t}\"'::regclass"));
        await using (var cmd = db.CreateCommand($"""
            SELECT c.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), c.contype = 'f'
            FROM pg_constraint c WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid IN ({list}) OR c.confrelid IN ({list}))
            UNION ALL
            SELECT i.relname, pg_get_indexdef(i.oid), false
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid IN ({list}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) _saved.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        foreach (var (name, sql, fk) in _saved.Where(s => s.ForeignKey))
        {
            await ExecAsync($"ALTER TABLE {TableOf(sql)} DROP CONSTRAINT IF EXISTS \"{name}\"");
        }
        foreach (var (name, sql, _) in _saved.Where(s => !s.ForeignKey))
        {
            await ExecAsync(sql.StartsWith("ALTER TABLE", StringComparison.Ordinal)
                ? $"ALTER TABLE {TableOf(sql)} DROP CONSTRAINT IF EXISTS \"{name}\""
                : $"DROP INDEX IF EXISTS \"{name}\"");
        }
        foreach (var table in Tables.Distinct()) await ExecAsync($"ALTER TABLE \"{table}\" DISABLE TRIGGER USER");
        Progress.Log($"Dropped {_saved.Count} indexes and constraints for loading");
    }

    /// <summary>Rebuilds the named indexes or constraints now (those later steps need).</summary>
    public Task RestoreAsync(params string[] names) =>
        RunAllAsync(_saved.Where(s => names.Contains(s.Name)).ToList());

    /// <summary>Rebuilds everything still missing: keys and indexes first, then foreign keys; re-enables triggers.</summary>
    public async Task RestoreRestAsync()
    {
        await RunAllAsync(_saved.Where(s => !s.ForeignKey).ToList());
        // Two foreign keys added at once can deadlock (each locks both of its tables): one at a time.
        await RunAllAsync(_saved.Where(s => s.ForeignKey).ToList(), workers: 1);
        foreach (var table in Tables.Distinct()) await ExecAsync($"ALTER TABLE \"{table}\" ENABLE TRIGGER USER");
    }

    async Task RunAllAsync(List<(string Name, string Sql, bool ForeignKey)> work, int workers = 2)
    {
        foreach (var w in work) _saved.Remove(w);
        // Big tables' indexes first, so the two workers finish together.
        var queue = new Queue<(string Name, string Sql, bool ForeignKey)>(work.OrderByDescending(w => Weight(w.Sql)));
        var progress = new Progress("indexes", work.Count);
        async Task Worker()
        {
            while (true)
            {
                (string Name, string Sql, bool ForeignKey) next;
                lock (queue) { if (!queue.TryDequeue(out next)) return; }
                var started = DateTime.UtcNow;
                await ExecAsync(next.Sql, "SET maintenance_work_mem = '1GB'");
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                if (seconds > 5) Progress.Log($"  {next.Name}: {seconds:N0} s");
                progress.Add();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Worker()));
        progress.Done();
    }

    static int Weight(string sql) =>
        sql.Contains("rum") || sql.Contains("search_vector") ? 100 : sql.Contains("votes") ? 90 : sql.Contains("comment") ? 50 : sql.Contains("summar") ? 40 : 1;

    static string TableOf(string sql) => sql.Split(' ')[2];

    public async Task ExecAsync(string sql, string? setup = null)
    {
        await using var connection = await db.OpenConnectionAsync();
        if (setup is not null) { await using var s = new NpgsqlCommand(setup, connection); await s.ExecuteNonQueryAsync(); }
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
