using System.Security.Claims;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>What the page may offer the person looking at it (the API still checks every action).</summary>
public sealed record ViewerInfo(bool SignedIn, bool CanWrite, bool IsModerator, string? UserName)
{
    /// <summary>The roles that moderate, as <c>[Authorize(Roles = …)]</c> takes them.</summary>
    public const string ModeratorRoles = Roles.Moderator + "," + Roles.Admin;

    public static readonly ViewerInfo Anonymous = new(false, false, false, null);

    public static ViewerInfo From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated != true
        ? Anonymous
        : new(true, user.IsInRole(Roles.Member) || Moderates(user), Moderates(user), user.Identity.Name);

    static bool Moderates(ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);
}
