namespace ShortScience.Contracts;

/// <param name="Website">Honeypot: a field people never see and bots fill in. Must stay empty.</param>
public sealed record RegisterRequest(string UserName, string Email, string Password, string? DisplayName, string? Website = null);

public sealed record LoginRequest(string UserNameOrEmail, string Password);

public sealed record RefreshRequest(string RefreshToken);

public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record ConfirmEmailRequest(Guid UserId, string Code);

public sealed record EmailRequest(string Email);

public sealed record ResetPasswordRequest(string Email, string Code, string NewPassword);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record ProfileUpdate(string DisplayName, string? Bio, string? Affiliation, bool EmailNotifications);

public sealed record Me(
    Guid Id, string UserName, string DisplayName, string Email, bool EmailConfirmed, IReadOnlyList<string> Roles,
    string? Bio, string? Affiliation, bool EmailNotifications, bool Banned);

public sealed record UserProfile(
    string UserName, string DisplayName, string? Bio, string? Affiliation, DateTimeOffset JoinedAt,
    int SummaryCount, double? SciScore);
