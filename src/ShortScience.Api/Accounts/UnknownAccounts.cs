using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>
/// Sign-in with a name that has no account behaves like sign-in with a wrong password for one that has: the password
/// is hashed against a dummy hash with the same hasher (same cost), failures are counted per name, and after as many
/// failures as lock a real account the name answers "locked" for as long as a real account would be. So neither the
/// time nor the answer tells whether an account exists.
/// </summary>
/// <remarks>
/// The counts live in this process's memory (bounded; a replica restart forgets them). With several API replicas a
/// patient attacker could notice an unknown name locking later than a real one; the answer and its timing still match.
/// </remarks>
public sealed class UnknownAccounts(IOptions<IdentityOptions> identity, IOptions<PasswordHasherOptions> hashing, TimeProvider clock) : IDisposable
{
    readonly PasswordHasher<User> _hasher = new(hashing);
    readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    readonly string _dummyHash = new PasswordHasher<User>(hashing).HashPassword(new User(), RandomNumberGenerator.GetHexString(32));

    sealed class Entry
    {
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>Checks a password for an unknown name, as <see cref="SignInManager{TUser}.CheckPasswordSignInAsync"/> would for a real one.</summary>
    /// <returns>When the name is now "locked", until when; otherwise null (a plain wrong password).</returns>
    public DateTimeOffset? Check(string name, string password)
    {
        var key = name.ToUpperInvariant();
        var now = clock.GetUtcNow();
        var entry = _failures.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromDays(1);
            return new Entry();
        })!;
        lock (entry)
        {
            // Identity answers a locked account before it looks at the password: so does this.
            if (entry.LockedUntil is { } until && until > now) return until;
        }
        _hasher.VerifyHashedPassword(new User(), _dummyHash, password);
        lock (entry)
        {
            var lockout = identity.Value.Lockout;
            if (++entry.Failures < lockout.MaxFailedAccessAttempts) return null;
            entry.Failures = 0;
            entry.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            return entry.LockedUntil;
        }
    }

    public void Dispose() => _failures.Dispose();
}
