using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ShortScience.Data;

/// <summary>PostgreSQL advisory locks that serialize one kind of write to one thing until the transaction ends.</summary>
public static class AdvisoryLocks
{
    /// <summary>
    /// Waits until no other transaction holds the lock named <paramref name="key"/> (say "vote:{user}:{target}"), then
    /// holds it until this transaction commits or rolls back. Call inside a transaction.
    /// </summary>
    public static Task LockForTransactionAsync(this DatabaseFacade database, string key, CancellationToken ct) =>
        database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
}
