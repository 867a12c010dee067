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

    /// <summary>Counts a failure; when it locks the name, until when.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string name, CancellationToken ct)
    {
        var key = KeyOf(name);
        var now = clock.GetUtcNow();
        var stale = now - Memory;
        var failures = (await db.Database.SqlQuery<int>($"""
            INSERT INTO sign_in_failures AS f (key, failures, locked_until, updated_at) VALUES ({key}, 1, NULL, {now})
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN f.updated_at < {stale} THEN 1 ELSE f.failures + 1 END,
              updated_at = {now}
            RETURNING f.failures AS "Value"
            """).ToListAsync(ct)).Single();
        var lockout = identity.Value.Lockout;
        if (failures < lockout.MaxFailedAccessAttempts) return null;
        var until = now + lockout.DefaultLockoutTimeSpan;
        await db.SignInFailures.Where(f => f.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, 0).SetProperty(f => f.LockedUntil, until), ct);
        return until;
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

    /// <summary>Removes the rows of names neither locked nor failed for a day.</summary>
    public Task<int> ForgetIdleAsync(CancellationToken ct)
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

/// <summary>Every hour, forgets the sign-in failures of names idle for a day (<see cref="SignInLockout.ForgetIdleAsync"/>).</summary>
public sealed class SignInLockoutJanitor(IServiceScopeFactory scopes, ILogger<SignInLockoutJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<SignInLockout>().ForgetIdleAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Forgot the sign-in failures of {Count} idle names", removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not forget idle sign-in failures");
            }
        }
    }
}
