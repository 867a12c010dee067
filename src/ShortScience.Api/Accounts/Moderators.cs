using System.Security.Claims;
using ShortScience.Contracts;

namespace ShortScience.Api.Accounts;

/// <summary>
/// The one rule for who may do what beyond their own content. Roles come from the database on every request
/// (<see cref="SessionValidator.ValidateAsync"/>), and a ban outranks every role: a banned moderator moderates nothing.
/// </summary>
public static class Moderators
{
    public static bool IsBanned(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == SessionClaims.Banned);

    /// <summary>A confirmed member (or moderator, or admin) who is not banned: may write, comment and vote.</summary>
    public static bool IsMember(this ClaimsPrincipal user) =>
        (user.IsInRole(Roles.Member) || user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin)) && !user.IsBanned();

    public static bool IsModerator(this ClaimsPrincipal user) =>
        (user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin)) && !user.IsBanned();

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) && !user.IsBanned();
}
