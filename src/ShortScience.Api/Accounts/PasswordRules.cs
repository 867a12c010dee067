using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 256;
}

public enum PasswordCheck { Right, Wrong, Locked }

/// <summary>
/// The current password confirming what a session alone may not do (a new password, deleting the account). Wrong
/// guesses count toward the same lockout as signing in (5, then 15 minutes), so someone holding a stolen session
/// cannot guess their way to the account.
/// </summary>
public static class PasswordConfirmation
{
    public static async Task<PasswordCheck> CheckAsync(UserManager<User> users, User user, string? password)
    {
        if (await users.IsLockedOutAsync(user)) return PasswordCheck.Locked;
        if (await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.ResetAccessFailedCountAsync(user);
            return PasswordCheck.Right;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? PasswordCheck.Locked : PasswordCheck.Wrong;
    }

    /// <summary>429 with Retry-After, as a locked sign-in answers.</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> LockedAsync(
        UserManager<User> users, User user, HttpContext http, TimeProvider clock) =>
        AccountsApi.Locked(http, await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow(), clock);
}

/// <summary>
/// The ~49,000 most common passwords (zxcvbn-ts's list, from npm, copied into the build output).
/// Refusing them is what ASVS asks instead of composition rules.
/// </summary>
public sealed class CommonPasswords
{
    readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "common-passwords.json");
        _passwords = File.Exists(path)
            ? new HashSet<string>(JsonSerializer.Deserialize<string[]>(File.ReadAllText(path)) ?? [], StringComparer.OrdinalIgnoreCase)
            : throw new FileNotFoundException("The common-password list is missing from the build output; run npm ci.", path);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password.Trim());
}

public sealed class CommonPasswordValidator(CommonPasswords common) : IPasswordValidator<User>
{
    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        if (password.Length > PasswordRules.MaxLength)
        {
            return Failed("PasswordTooLong", $"Passwords can be at most {PasswordRules.MaxLength} characters long.");
        }
        if (common.Contains(password))
        {
            return Failed("PasswordTooCommon", "This password is one of the most common passwords, which attackers try first. Please choose another.");
        }
        if (string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Failed("PasswordIsName", "The password must not be your user name or email address.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
