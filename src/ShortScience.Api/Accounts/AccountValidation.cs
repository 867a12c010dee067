using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

static class AccountValidation
{
    public static Dictionary<string, string[]> Register(RegisterRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        var name = r.UserName?.Trim() ?? "";
        if (name.Length is < 3 or > 30)
        {
            errors["userName"] = ["A user name has 3 to 30 characters."];
        }
        else if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            errors["userName"] = ["A user name may contain only letters, digits, '-', '.' and '_'."];
        }
        else if (ReservedEndings.Any(ending => name.EndsWith(ending, StringComparison.OrdinalIgnoreCase)))
        {
            // /users/{name}.bib and its kin are the person's downloads: a name ending so would lose its profile page.
            errors["userName"] = [$"A user name may not end in {string.Join(", ", ReservedEndings)}."];
        }
        if (!IsEmail(r.Email)) errors["email"] = ["Enter a valid email address."];
        if (string.IsNullOrEmpty(r.Password) || r.Password.Length < PasswordRules.MinLength)
        {
            errors["password"] = [$"A password has at least {PasswordRules.MinLength} characters; long passphrases are welcome."];
        }
        // The storage limits the request states (RegisterRequest.Validate), told with the rest rather than alone.
        var limits = new Checks();
        r.Validate(limits);
        foreach (var (field, messages) in limits.Errors) errors.TryAdd(field, messages);
        return errors;
    }

    static readonly string[] ReservedEndings = [.. Links.DownloadEndings, ".rss", ".atom", ".xml"];

    static bool IsEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim() && parsed.Host.Contains('.');

    /// <summary>
    /// What Identity's password and user validators say of a sign-up, all of them (Identity itself stops at the first
    /// failing kind), without the duplicate-address error, which must never be told.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> FromIdentityValidatorsAsync(UserManager<User> users, User user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators) errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        foreach (var validator in users.UserValidators) errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
        errors.RemoveAll(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
        return errors.Count == 0 ? new Dictionary<string, string[]>() : FromIdentity(IdentityResult.Failed([.. errors]));
    }

    /// <summary>Identity's errors, filed under the field a person should fix.</summary>
    public static Dictionary<string, string[]> FromIdentity(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
                var c when c.Contains("UserName", StringComparison.Ordinal) => "userName",
                var c when c.Contains("Email", StringComparison.Ordinal) => "email",
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
