using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>
/// Sign-in with a name that has no account costs what a wrong password for one that has costs: the password is hashed
/// against a dummy hash with the same hasher (same cost). With <see cref="SignInLockout"/> counting failures the same
/// way for both, neither the time nor the answer tells whether an account exists.
/// </summary>
public sealed class UnknownAccounts(IOptions<PasswordHasherOptions> hashing)
{
    readonly PasswordHasher<User> _hasher = new(hashing);
    readonly string _dummyHash = new PasswordHasher<User>(hashing).HashPassword(new User(), RandomNumberGenerator.GetHexString(32));

    /// <summary>Spends the time checking a password would, and fails.</summary>
    public void CheckPassword(string password) => _hasher.VerifyHashedPassword(new User(), _dummyHash, password);
}

/// <summary>
/// Failed sign-ins are counted per name or address as typed (normalized as Identity looks them up), in PostgreSQL, for
/// names with an account and without alike: five failures lock that name for as long as Identity would lock an account
/// (15 minutes), and a success or a password reset forgets them. Counting per account instead (Identity's own lockout)
/// would let a stranger learn that an address belongs to a user name: five wrong passwords for the name, then one for
/// the address, answered "locked". The counts are shared by every API replica and survive restarts. Wrong current
/// passwords given with a session (<see cref="PasswordConfirmation"/>) still lock the account itself; sign-in honours
/// that lock too.
/// </summary>
public sealed class SignInLockout(ShortScienceDb db, ILookupNormalizer normalizer, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>A name's failures are forgotten after a day without one.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>When the name is locked, until when.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string name, CancellationToken ct)
    {
        var key = KeyOf(name);
        var now = clock.GetUtcNow();
        var until = await db.SignInFailures.AsNoTracking().Where(f => f.Key == key && f.LockedUntil > now)
            .Select(f => f.LockedUntil).FirstOrDefaultAsync(ct);
        return until;
    }

    /// <summary>
    /// Counts a failure (one statement, after forgetting idle names): the failure that reaches the limit locks the name
    /// and starts its count again (as Identity does for an account); a count idle for a day starts again. When it locks
    /// the name, until when.
    /// </summary>
    public async Task<DateTimeOffset?> FailedAsync(string name, CancellationToken ct)
    {
        var key = KeyOf(name);
        var now = clock.GetUtcNow();
        var stale = now - Memory;
        var lockout = identity.Value.Lockout;
        var (limit, until) = (lockout.MaxFailedAccessAttempts, now + lockout.DefaultLockoutTimeSpan);
        await ForgetIdleAsync(ct);
        var locked = (await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO sign_in_failures AS f (key, failures, locked_until, updated_at)
            VALUES ({key}, CASE WHEN 1 >= {limit} THEN 0 ELSE 1 END, CASE WHEN 1 >= {limit} THEN {until} END, {now})
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN f.updated_at < {stale} THEN 1 WHEN f.failures + 1 >= {limit} THEN 0 ELSE f.failures + 1 END,
              locked_until = CASE WHEN f.updated_at >= {stale} AND f.failures + 1 >= {limit} THEN {until} ELSE f.locked_until END,
              updated_at = {now}
            RETURNING f.locked_until AS "Value"
            """).ToListAsync(ct)).Single();
        return locked > now ? locked : null; // a lock of this failure's (a name already locked is refused before its password is checked)
    }

    /// <summary>A right password forgets the name's failures.</summary>
    public Task SucceededAsync(string name, CancellationToken ct)
    {
        var key = KeyOf(name);
        return db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>A password reset unlocks the account's name and address.</summary>
    public Task ForgetAsync(User user, CancellationToken ct)
    {
        string[] keys = [KeyOf(user.UserName ?? ""), KeyOf(user.Email ?? "")];
        return db.SignInFailures.Where(f => keys.Contains(f.Key)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Removes the rows of names neither locked nor failed for a day (at each counted failure: no job of its own).</summary>
    Task<int> ForgetIdleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stale = now - Memory;
        return db.SignInFailures.Where(f => f.UpdatedAt < stale && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(ct);
    }

    /// <summary>SHA-256 of the name as Identity looks it up, so that typed addresses are not kept in the clear.</summary>
    string KeyOf(string name)
    {
        var trimmed = name.Trim();
        var normalized = (trimmed.Contains('@') ? normalizer.NormalizeEmail(trimmed) : normalizer.NormalizeName(trimmed)) ?? "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
