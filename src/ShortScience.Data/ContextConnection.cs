using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ShortScience.Data;

/// <summary>Plain SQL where EF Core's query pipeline would cost more than the statement (the hottest reads).</summary>
public static class ContextConnection
{
    /// <summary>
    /// Runs <paramref name="run"/> on the context's own connection, the one chosen for this request (a standby for a
    /// read, the primary once a write pinned it): opened for the call and closed after it, or left open when the
    /// context already had it open.
    /// </summary>
    public static async Task<T> WithConnectionAsync<T>(this ShortScienceDb db, Func<NpgsqlConnection, Task<T>> run, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await run(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
