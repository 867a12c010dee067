using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>The signed-in person's own account.</summary>
public static class MeApi
{
    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapMeApi(this RouteGroupBuilder me)
    {
        me.MapGet("/", GetAsync).WithTags("Accounts");
        me.MapPut("/profile", UpdateProfileAsync).WithTags("Accounts");
        me.MapPost("/password", ChangePasswordAsync).WithTags("Accounts");
    }

    public static async Task<Me> ToMeAsync(User user, UserManager<User> users) => new(
        user.Id, user.UserName!, user.DisplayName, user.Email!, user.EmailConfirmed, [.. await users.GetRolesAsync(user)],
        user.Bio, user.Affiliation, user.EmailNotifications, user.BannedAt is not null);

    static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> GetAsync(HttpContext http, UserManager<User> users)
    {
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(await ToMeAsync(user, users));
    }

    static async Task<Results<Ok<Me>, ValidationProblem, UnauthorizedHttpResult>> UpdateProfileAsync(
        ProfileUpdate update, HttpContext http, UserManager<User> users, CacheEviction caches, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        if (user is null) return TypedResults.Unauthorized();
        var (name, bio, affiliation) = (user.DisplayName, user.Bio, user.Affiliation);
        // Names are one line, with no direction override that could turn around what a page shows after them.
        user.DisplayName = Visible.OneLine(update.DisplayName);
        user.Bio = Visible.IsBlank(update.Bio) ? null : update.Bio.Trim();
        user.Affiliation = Visible.IsBlank(update.Affiliation) ? null : Visible.OneLine(update.Affiliation);
        user.EmailNotifications = update.EmailNotifications;
        await users.UpdateAsync(user);
        await caches.ProfileChangedAsync(user.UserName!, nameChanged: user.DisplayName != name,
            profileChanged: user.Bio != bio || user.Affiliation != affiliation, ct);
        return TypedResults.Ok(await ToMeAsync(user, users));
    }

    static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, UserManager<User> users, Sessions sessions, TimeProvider clock, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        if (user is null) return TypedResults.Unauthorized();
        switch (await PasswordConfirmation.CheckAsync(users, user, request.CurrentPassword))
        {
            case PasswordCheck.Locked: return await PasswordConfirmation.LockedAsync(users, user, http, clock);
            case PasswordCheck.Wrong: return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            var errors = AccountValidation.FromIdentity(result);
            if (result.Errors.Any(e => e.Code == "PasswordMismatch")) errors = new() { ["currentPassword"] = ["The current password is wrong."] };
            return TypedResults.ValidationProblem(errors);
        }
        // ASVS: a password change ends every session, this one included.
        await sessions.RevokeAllAsync(user.Id, ct);
        return TypedResults.NoContent();
    }
}
