using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>The signed-in person's own account, and everyone's public profile.</summary>
public static class MeApi
{
    public static void MapMeApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("/", GetAsync);
        me.MapPut("/profile", UpdateProfileAsync);
        me.MapPost("/password", ChangePasswordAsync);

        api.MapGet("/users/{name}", ProfileAsync).WithTags("Accounts");
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
        ProfileUpdate update, HttpContext http, UserManager<User> users)
    {
        var errors = AccountValidation.Profile(update);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        if (user is null) return TypedResults.Unauthorized();
        user.DisplayName = update.DisplayName.Trim();
        user.Bio = string.IsNullOrWhiteSpace(update.Bio) ? null : update.Bio.Trim();
        user.Affiliation = string.IsNullOrWhiteSpace(update.Affiliation) ? null : update.Affiliation.Trim();
        user.EmailNotifications = update.EmailNotifications;
        await users.UpdateAsync(user);
        return TypedResults.Ok(await ToMeAsync(user, users));
    }

    static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, UserManager<User> users, Sessions sessions, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        if (user is null) return TypedResults.Unauthorized();
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

    static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> ProfileAsync(string name, ShortScienceDb db, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        var profile = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new
            {
                u.UserName, u.DisplayName, u.Bio, u.Affiliation, u.CreatedAt,
                Scores = db.Summaries.Where(s => s.UserId == u.Id && s.Status == SummaryStatus.Published && !s.Anonymous)
                    .Select(s => s.Score).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (profile is null) return Problems.NotFound($"There is no user '{name}'.");
        return TypedResults.Ok(new UserProfile(profile.UserName!, profile.DisplayName, profile.Bio, profile.Affiliation,
            profile.CreatedAt, profile.Scores.Count, profile.Scores.Count == 0 ? null : profile.Scores.Average()));
    }
}
