using Microsoft.AspNetCore.Identity;

namespace ShortScience.Data.Entities;

public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    public string? Affiliation { get; set; }
    public bool EmailNotifications { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? BannedAt { get; set; }
    public string? BanReason { get; set; }

    /// <summary>Secret part of the private "following" feed URL; null until first asked for.</summary>
    public string? FeedToken { get; set; }

    /// <summary>Secret part of the private reading-list feed URL; null until first asked for.</summary>
    public string? ReadingListFeedToken { get; set; }

    /// <summary>Secret used in one-click unsubscribe links in notification mail.</summary>
    public string? UnsubscribeToken { get; set; }
    public DateTimeOffset? LastEmailedAt { get; set; }
}

/// <summary>A role row for ASP.NET Core Identity; the names are <see cref="ShortScience.Contracts.Roles"/>.</summary>
public sealed class Role : IdentityRole<Guid>;

/// <summary>A signed-in session (one per login); revoking it ends every token issued for it.</summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>
    /// Refresh-token rotation: every refresh token names the generation it was issued for; only the current one
    /// (or, for a few seconds, the one just before it) may be traded, and trading it moves the session on by one.
    /// </summary>
    public int RefreshGeneration { get; set; }

    /// <summary>When <see cref="RefreshGeneration"/> last moved on; null before the first refresh.</summary>
    public DateTimeOffset? RefreshedAt { get; set; }
}

/// <summary>
/// Failed sign-ins for one name or address as typed (normalized as Identity looks names up), whether or not an
/// account has it: counted the same way for both, so a lockout tells nobody which names and addresses exist or belong
/// together. Rows idle for a day are forgotten.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>SHA-256 (hex) of the normalized name or address: typed addresses are not kept in the clear.</summary>
    public string Key { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// How many account mails (confirmation, reset, "someone used your address") one account was sent in the current
/// window, shared by every API replica so that a loop of requests spread over them cannot bury an inbox.
/// </summary>
public sealed class AccountMailCount
{
    public Guid UserId { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}
