namespace ShortScience.Contracts;

/// <summary>A sign-up: checked by the sign-up itself, with its other rules, so one answer names every problem.</summary>
/// <param name="Website">Honeypot: a field people never see and bots fill in. Must stay empty.</param>
public sealed record RegisterRequest(string UserName, string Email, string Password, string? DisplayName, string? Website = null) : IValidatedWhole
{
    public void Validate(Checks checks) => checks
        .Text("userName", UserName, Limits.UserNameChars, "a user name").Text("email", Email, Limits.EmailChars, "an email address")
        .Text("password", Password, Limits.PasswordChars, "a password").Text("displayName", DisplayName, Limits.DisplayNameChars, "a display name")
        .Text("website", Website, Limits.UrlChars, "this field");
}

public sealed record LoginRequest(string UserNameOrEmail, string Password) : IValidatable
{
    public void Validate(Checks checks) => checks
        .Text("userNameOrEmail", UserNameOrEmail, Limits.EmailChars, "a user name or email").Text("password", Password, Limits.PasswordChars, "a password");
}

public sealed record RefreshRequest(string RefreshToken) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("refreshToken", RefreshToken, Limits.TokenChars, "a refresh token");
}

public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record ConfirmEmailRequest(Guid UserId, string Code) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("code", Code, Limits.TokenChars, "a code");
}

public sealed record EmailRequest(string Email) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("email", Email, Limits.EmailChars, "an email address");
}

public sealed record ResetPasswordRequest(string Email, string Code, string NewPassword) : IValidatable
{
    public void Validate(Checks checks) => checks
        .Text("email", Email, Limits.EmailChars, "an email address").Text("code", Code, Limits.TokenChars, "a code")
        .Text("newPassword", NewPassword, Limits.PasswordChars, "a password");
}

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword) : IValidatable
{
    public void Validate(Checks checks) => checks
        .Text("currentPassword", CurrentPassword, Limits.PasswordChars, "a password").Text("newPassword", NewPassword, Limits.PasswordChars, "a password");
}

public sealed record ProfileUpdate(string DisplayName, string? Bio, string? Affiliation, bool EmailNotifications) : IValidatable
{
    public void Validate(Checks checks)
    {
        if (Visible.IsBlank(DisplayName)) checks.Add("displayName", "A display name needs at least one character that shows.");
        else if (DisplayName.Length > Limits.DisplayNameChars) checks.Add("displayName", $"A display name has at most {Limits.DisplayNameChars} characters.");
        if (Bio is { Length: > Limits.BioChars }) checks.Add("bio", $"A bio has at most {Limits.BioChars:N0} characters.");
        if (Affiliation is { Length: > Limits.AffiliationChars }) checks.Add("affiliation", $"An affiliation has at most {Limits.AffiliationChars} characters.");
    }
}

public sealed record Me(
    Guid Id, string UserName, string DisplayName, string Email, bool EmailConfirmed, IReadOnlyList<string> Roles,
    string? Bio, string? Affiliation, bool EmailNotifications, bool Banned);

public sealed record UserProfile(
    string UserName, string DisplayName, string? Bio, string? Affiliation, DateTimeOffset JoinedAt,
    int SummaryCount, double? SciScore, int AnonymousSummaryCount = 0);
