using Npgsql;

namespace ShortScience.Bench.Generate;

/// <summary>Binary COPY into a table emptied in the same transaction (with wal_level=minimal that skips the WAL).</summary>
public static class Copy
{
    public static async Task IntoAsync(NpgsqlDataSource db, string table, string columns, Action<NpgsqlBinaryImporter> write)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {table}", connection, tx)) await truncate.ExecuteNonQueryAsync();
        await Task.Run(() =>
        {
            using var importer = connection.BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
            write(importer);
            importer.Complete();
        });
        await tx.CommitAsync();
    }

    /// <summary>Two tables filled by one generating loop (papers and their authors, comments and their revisions).</summary>
    public static async Task IntoBothAsync(
        NpgsqlDataSource db, (string Table, string Columns) first, (string Table, string Columns) second,
        Action<NpgsqlBinaryImporter, NpgsqlBinaryImporter> write)
    {
        await using var c1 = await db.OpenConnectionAsync();
        await using var c2 = await db.OpenConnectionAsync();
        await using var t1 = await c1.BeginTransactionAsync();
        await using var t2 = await c2.BeginTransactionAsync();
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {first.Table}", c1, t1)) await truncate.ExecuteNonQueryAsync();
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {second.Table}", c2, t2)) await truncate.ExecuteNonQueryAsync();
        await Task.Run(() =>
        {
            using var a = c1.BeginBinaryImport($"COPY {first.Table} ({first.Columns}) FROM STDIN (FORMAT BINARY)");
            using var b = c2.BeginBinaryImport($"COPY {second.Table} ({second.Columns}) FROM STDIN (FORMAT BINARY)");
            write(a, b);
            a.Complete();
            b.Complete();
        });
        await t1.CommitAsync();
        await t2.CommitAsync();
    }
}
