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
        "venues", "venue_aliases", "users", "user_roles", "authors", "papers", "paper_authors", "summaries",
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
            await ExecAsync($"ALTER TABLE \"{TableOf(sql)}\" DROP CONSTRAINT IF EXISTS \"{name}\"");
        }
        foreach (var (name, sql, _) in _saved.Where(s => !s.ForeignKey))
        {
            await ExecAsync(sql.StartsWith("ALTER TABLE", StringComparison.Ordinal)
                ? $"ALTER TABLE \"{TableOf(sql)}\" DROP CONSTRAINT IF EXISTS \"{name}\""
                : $"DROP INDEX IF EXISTS \"{name}\"");
        }
        foreach (var table in Tables.Distinct()) await ExecAsync($"ALTER TABLE \"{table}\" DISABLE TRIGGER USER");
        await ExecAsync($"TRUNCATE {string.Join(", ", Tables.Distinct().Select(t => $"\"{t}\""))}");
        Progress.Log($"Dropped {_saved.Count} indexes and constraints for loading; emptied the tables");
    }

    /// <summary>Rebuilds the named indexes or constraints now (those later steps need).</summary>
    public Task RestoreAsync(params string[] names) =>
        RunAllAsync(_saved.Where(s => names.Contains(s.Name)).ToList());

    /// <summary>Rebuilds the indexes and keys (not foreign keys) of tables <paramref name="include"/> accepts.</summary>
    public Task RestoreIndexesAsync(Func<string, bool> include, int workers) =>
        RunAllAsync(_saved.Where(s => !s.ForeignKey && include(TableOf(s.Sql))).ToList(), workers);

    /// <summary>
    /// Foreign keys: added NOT VALID one at a time (instant; two ALTER TABLEs at once can deadlock), then validated
    /// two at a time (validation only reads, and takes no lock that two validations would both wait for).
    /// </summary>
    public async Task RestoreForeignKeysAsync()
    {
        var keys = _saved.Where(s => s.ForeignKey).ToList();
        foreach (var key in keys) await ExecAsync(key.Sql + " NOT VALID");
        _saved.RemoveAll(s => s.ForeignKey);
        await RunAllAsync([.. keys.Select(k => (k.Name, $"ALTER TABLE \"{TableOf(k.Sql)}\" VALIDATE CONSTRAINT \"{k.Name}\"", false))]);
        foreach (var table in Tables.Distinct()) await ExecAsync($"ALTER TABLE \"{table}\" ENABLE TRIGGER USER");
    }

    async Task RunAllAsync(List<(string Name, string Sql, bool ForeignKey)> work, int workers = 2)
    {
        foreach (var w in work) _saved.Remove(w);
        // Keys first: ADD CONSTRAINT locks its table exclusively and would wait for any index build on it. Then big
        // tables' indexes first, so the two workers finish together.
        var queue = new Queue<(string Name, string Sql, bool ForeignKey)>(
            work.OrderBy(w => w.Sql.StartsWith("ALTER TABLE", StringComparison.Ordinal) ? 0 : 1).ThenByDescending(w => Weight(w.Sql)));
        var progress = new Progress("indexes", work.Count);
        async Task Worker()
        {
            while (true)
            {
                (string Name, string Sql, bool ForeignKey) next;
                lock (queue) { if (!queue.TryDequeue(out next)) return; }
                var started = DateTime.UtcNow;
                // The search vectors' GIN index is the biggest build: with enough memory it is written in one pass.
                await ExecAsync(next.Sql, next.Sql.Contains("gin (search_vector)") ? "SET maintenance_work_mem = '4GB'" : "SET maintenance_work_mem = '1GB'");
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                if (seconds > 5) Progress.Log($"  {next.Name}: {seconds:N0} s");
                progress.Add();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Worker()));
        progress.Done();
    }

    static int Weight(string sql) =>
        sql.Contains("search_vector") ? 100 : sql.Contains("votes") ? 90 : sql.Contains("comment") ? 50 : sql.Contains("summar") ? 40 : 1;

    /// <summary>The table of an "ALTER TABLE t …" or "CREATE [UNIQUE] INDEX i ON [ONLY] s.t USING …" statement.</summary>
    public static string TableOf(string sql)
    {
        var words = sql.Split(' ');
        if (words[0] == "ALTER") return words[2].Replace("public.", "").Trim('"');
        var on = Array.IndexOf(words, "ON");
        var table = words[on + 1] == "ONLY" ? words[on + 2] : words[on + 1];
        return table.Replace("public.", "").Trim('"');
    }

    public async Task ExecAsync(string sql, string? setup = null)
    {
        await using var connection = await db.OpenConnectionAsync();
        if (setup is not null) { await using var s = new NpgsqlCommand(setup, connection); await s.ExecuteNonQueryAsync(); }
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
