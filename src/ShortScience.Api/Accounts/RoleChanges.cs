using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Moderation;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>What became of a request to change someone's role.</summary>
public enum RoleChange { Done, Unchanged, NoSuchUser, OwnAccount, NotConfirmed, Banned, TargetIsAdmin }

/// <summary>
/// Who keeps the site: admins grant and revoke the moderator role through the API; the first admin comes from the
/// server (the <c>make-admin</c> command, or configuration: <see cref="AccountBootstrap"/>). Every change is written to
/// the moderation log in the same unit of work as the change.
/// </summary>
public sealed class RoleChanges(ShortScienceDb db, TimeProvider clock, ILogger<RoleChanges> logger)
{
    /// <summary>Every moderator and admin, by name, with who last granted them a role (the moderation log).</summary>
    public async Task<List<StaffMember>> StaffAsync(CancellationToken ct)
    {
        var rows = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name! })
            .Where(x => x.Role == Roles.Moderator || x.Role == Roles.Admin)
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { u.UserName, u.DisplayName, x.Role, Banned = u.BannedAt != null })
            .ToListAsync(ct);
        var names = rows.Select(r => r.UserName!).Distinct().ToList();
        var grants = await db.ModerationActions.AsNoTracking()
            .Where(a => a.TargetType == "user" && (a.Action == "grant-moderator" || a.Action == "grant-admin") && names.Contains(a.TargetId))
            .Select(a => new
            {
                a.Id, a.TargetId, a.CreatedAt,
                By = db.Users.Where(u => u.Id == a.ModeratorId).Select(u => new UserRef(u.UserName!, u.DisplayName)).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var latest = grants.GroupBy(g => g.TargetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Id)!, StringComparer.Ordinal);
        return [.. rows.GroupBy(r => r.UserName!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new StaffMember(g.Key, g.First().DisplayName, [.. g.Select(r => r.Role).Order(StringComparer.Ordinal)], g.First().Banned,
                latest.GetValueOrDefault(g.Key)?.By, latest.GetValueOrDefault(g.Key)?.CreatedAt))];
    }

    /// <summary>The role names a person holds (read fresh).</summary>
    public Task<List<string>> RolesOfAsync(Guid userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);

    /// <summary>An admin makes <paramref name="userName"/> a moderator, or takes the role back.</summary>
    public async Task<RoleChange> SetModeratorAsync(Guid adminId, string userName, bool moderator, CancellationToken ct)
    {
        var user = await FindAsync(userName, ct);
        if (user is null) return RoleChange.NoSuchUser;
        // Nobody changes their own standing: an admin who wants to stop moderating asks another admin.
        if (user.Id == adminId) return RoleChange.OwnAccount;
        var roles = await RolesOfAsync(user.Id, ct);
        if (roles.Contains(Roles.Admin)) return moderator ? RoleChange.Unchanged : RoleChange.TargetIsAdmin;
        if (moderator && user.BannedAt is not null) return RoleChange.Banned;
        if (moderator && !user.EmailConfirmed) return RoleChange.NotConfirmed;
        if (roles.Contains(Roles.Moderator) == moderator) return RoleChange.Unchanged;

        var roleId = await RoleIdAsync(Roles.Moderator, ct);
        if (moderator) db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        else db.UserRoles.Remove(await db.UserRoles.SingleAsync(ur => ur.UserId == user.Id && ur.RoleId == roleId, ct));
        ModerationLog.Add(db, adminId, moderator ? "grant-moderator" : "revoke-moderator", "user", user.UserName!, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Admin {AdminId} {Change} the moderator role of {UserName}", adminId, moderator ? "granted" : "revoked", user.UserName);
        return RoleChange.Done;
    }

    /// <summary>
    /// The operator's command (<c>make-admin &lt;user&gt;</c>): the named account (by user name or email) becomes an
    /// admin and a member. Logged with the account itself as actor, since no one signed in did it.
    /// </summary>
    public async Task<RoleChange> MakeAdminAsync(string userNameOrEmail, CancellationToken ct)
    {
        var user = await FindAsync(userNameOrEmail, ct);
        if (user is null) return RoleChange.NoSuchUser;
        // Anyone can sign up with any address: until its owner has confirmed it, the account may be a squatter's.
        if (!user.EmailConfirmed) return RoleChange.NotConfirmed;
        var roles = await RolesOfAsync(user.Id, ct);
        if (roles.Contains(Roles.Admin) && roles.Contains(Roles.Member)) return RoleChange.Unchanged;
        foreach (var role in new[] { Roles.Member, Roles.Admin }.Except(roles))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = await RoleIdAsync(role, ct) });
        }
        ModerationLog.Add(db, user.Id, "grant-admin", "user", user.UserName!, "make-admin command on the server", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{UserName} is now an admin (make-admin command)", user.UserName);
        return RoleChange.Done;
    }

    Task<User?> FindAsync(string nameOrEmail, CancellationToken ct)
    {
        var normalized = nameOrEmail.Trim().ToUpperInvariant();
        // Deleted accounts keep a tombstone row without an email; they hold no roles and get none.
        return nameOrEmail.Contains('@')
            ? db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct)
            : db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized && u.PasswordHash != null, ct);
    }

    Task<Guid> RoleIdAsync(string name, CancellationToken ct) => db.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(ct);
}
