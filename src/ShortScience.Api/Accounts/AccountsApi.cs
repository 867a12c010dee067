using System.Text;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ShortScience.Api.Extensions;
using ShortScience.Api.Mail;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>Sign-up, sign-in with bearer + refresh tokens, sign-out, email confirmation and password reset.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimits.SignUp);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization();
        auth.MapPost("/confirm-email", ConfirmEmailAsync);
        auth.MapPost("/resend-confirmation", ResendConfirmationAsync);
        auth.MapPost("/forgot-password", ForgotPasswordAsync);
        auth.MapPost("/reset-password", ResetPasswordAsync);
        return auth;
    }

    static async Task<Results<Created<Me>, Ok, ValidationProblem>> RegisterAsync(
        RegisterRequest request, UserManager<User> users, AccountMail mail, TimeProvider clock, ILogger<User> logger, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(request.Website))
        {
            // Only bots fill the hidden field; answer as if it worked so they learn nothing.
            logger.LogWarning("Sign-up refused by the honeypot for {UserName}", request.UserName);
            return TypedResults.Ok();
        }
        var errors = AccountValidation.Register(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = new User
        {
            UserName = request.UserName.Trim(), Email = request.Email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded) return TypedResults.ValidationProblem(AccountValidation.FromIdentity(created));
        await users.AddToRoleAsync(user, Roles.Reader);
        await mail.SendConfirmationAsync(user, ct);
        logger.LogInformation("New account {UserName}", user.UserName);
        return TypedResults.Created($"/api/v1/users/{user.UserName}", await MeApi.ToMeAsync(user, users));
    }

    static async Task<Results<EmptyHttpResult, SignInHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, UserManager<User> users, SignInManager<User> signIn, Sessions sessions, HttpContext http, CancellationToken ct)
    {
        var name = request.UserNameOrEmail?.Trim() ?? "";
        var user = name.Contains('@') ? await users.FindByEmailAsync(name) : await users.FindByNameAsync(name);
        if (user is null || string.IsNullOrEmpty(request.Password)) return WrongCredentials();

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            var seconds = Math.Max(1, (int)Math.Ceiling(((until ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked",
                detail: $"Too many failed sign-ins. Try again in {Math.Ceiling(seconds / 60.0)} minutes, or reset your password.");
        }
        if (!result.Succeeded) return WrongCredentials();

        var principal = await sessions.StartAsync(user, http.Request.Headers.UserAgent.ToString(), ct);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    static ProblemHttpResult WrongCredentials() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign-in failed", detail: "The user name or password is wrong.");

    static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<User> signIn, Sessions sessions,
        TimeProvider clock, CancellationToken ct)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        var unauthorized = TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Session ended",
            detail: "The refresh token is invalid or expired; sign in again.");
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return unauthorized;
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user) return unauthorized;
        // The session must still be live: sign-out and password changes end refreshes too.
        if (await sessions.ValidateAsync(ticket.Principal, ct) is null) return unauthorized;

        var sessionId = Guid.Parse(ticket.Principal.FindFirst(SessionClaims.SessionId)!.Value);
        return TypedResults.SignIn(await sessions.PrincipalAsync(user, sessionId), authenticationScheme: IdentityConstants.BearerScheme);
    }

    static async Task<NoContent> LogoutAsync(HttpContext http, Sessions sessions, CancellationToken ct)
    {
        if (Guid.TryParse(http.User.FindFirst(SessionClaims.SessionId)?.Value, out var sid)) await sessions.RevokeAsync(sid, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok, ProblemHttpResult>> ConfirmEmailAsync(ConfirmEmailRequest request, UserManager<User> users)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var invalid = Problems.BadRequest("This confirmation link is invalid or has expired. Ask for a new one from the sign-in page.");
        if (user is null || DecodeCode(request.Code) is not { } code) return invalid;
        if (user.EmailConfirmed) return TypedResults.Ok();
        var result = await users.ConfirmEmailAsync(user, code);
        if (!result.Succeeded) return invalid;
        await users.AddToRoleAsync(user, Roles.Member);
        return TypedResults.Ok();
    }

    static async Task<Accepted> ResendConfirmationAsync(EmailRequest request, UserManager<User> users, AccountMail mail, CancellationToken ct)
    {
        // Same answer whether or not the address is known: the endpoint must not reveal who has an account.
        if (await users.FindByEmailAsync(request.Email ?? "") is { EmailConfirmed: false } user) await mail.SendConfirmationAsync(user, ct);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<Accepted> ForgotPasswordAsync(EmailRequest request, UserManager<User> users, AccountMail mail, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(request.Email ?? "") is { } user) await mail.SendPasswordResetAsync(user, ct);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        ResetPasswordRequest request, UserManager<User> users, Sessions sessions, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(request.Email ?? "");
        var invalid = Problems.BadRequest("This password-reset link is invalid or has expired. Ask for a new one.");
        if (user is null || DecodeCode(request.Code) is not { } code) return invalid;
        var result = await users.ResetPasswordAsync(user, code, request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken") ? invalid : TypedResults.ValidationProblem(AccountValidation.FromIdentity(result));
        }
        // Whoever knew the old password is signed out everywhere. A reset link also proves the address.
        await sessions.RevokeAllAsync(user.Id, ct);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            await users.AddToRoleAsync(user, Roles.Member);
        }
        return TypedResults.Ok();
    }

    public static string EncodeCode(string code) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(code));

    static string? DecodeCode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
