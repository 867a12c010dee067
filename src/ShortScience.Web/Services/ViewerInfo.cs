using System.Security.Claims;

namespace ShortScience.Web.Services;

/// <summary>What the page may offer the person looking at it (the API still checks every action).</summary>
public sealed record ViewerInfo(bool SignedIn, bool CanWrite, bool IsModerator, string? UserName)
{
    public static readonly ViewerInfo Anonymous = new(false, false, false, null);

    public static ViewerInfo From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated != true
        ? Anonymous
        : new(true, user.IsInRole("member") || user.IsInRole("moderator") || user.IsInRole("admin"),
            user.IsInRole("moderator") || user.IsInRole("admin"), user.Identity.Name);
}
