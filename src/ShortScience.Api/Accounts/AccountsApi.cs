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
        RegisterRequest request, UserManager<User> users, AccountMailQueue mail, TimeProvider clock, ILogger<User> logger, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(request.Website))
        {
            // Only bots fill the hidden field; answer as if it worked so they learn nothing.
            logger.LogWarning("Sign-up refused by the honeypot for {UserName}", request.UserName);
            return TypedResults.Ok();
        }
        var user = new User
        {
            UserName = request.UserName?.Trim(), Email = request.Email?.Trim(),
            DisplayName = Visible.IsBlank(request.DisplayName) ? request.UserName?.Trim() ?? "" : Visible.OneLine(request.DisplayName),
            CreatedAt = clock.GetUtcNow(),
        };
        // Every problem in one answer: the form's own rules, then what Identity would refuse one at a time (a common
        // password, a taken user name). A taken address is never said; that sign-up goes on and its owner is mailed.
        var errors = AccountValidation.Register(request);
        foreach (var (field, messages) in await AccountValidation.FromIdentityValidatorsAsync(users, user, request.Password ?? "")) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Identity validates and hashes the password before it looks for duplicates, so a taken address costs the same.
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            // User names are public (profiles), so "taken" may be said; an address is not, so it never is.
            var shown = IdentityResult.Failed([.. created.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateEmail))]);
            if (shown.Errors.Any()) return TypedResults.ValidationProblem(AccountValidation.FromIdentity(shown));
            var owner = await users.FindByEmailAsync(user.Email!);
            // A fresh sign-up mails a confirmation, so this one mails too, and waits as long for it.
            if (owner is not null) await Task.WhenAny(mail.Enqueue(owner.Id, (m, token) => m.SendSignUpAttemptAsync(owner.Id, token)), Task.Delay(AccountMailQueue.AnswerTime));
            logger.LogInformation("Sign-up with an address that has an account; its owner is told");
            return Registered(new Me(Guid.NewGuid(), user.UserName!, user.DisplayName, user.Email!, false, [Roles.Reader], null, null, true, false));
        }
        await users.AddToRoleAsync(user, Roles.Reader);
        var id = user.Id;
        await Task.WhenAny(mail.Enqueue(id, (m, token) => m.SendConfirmationAsync(id, token)), Task.Delay(AccountMailQueue.AnswerTime));
        logger.LogInformation("New account {UserName}", user.UserName);
        return Registered(await MeApi.ToMeAsync(user, users));
    }

    static Created<Me> Registered(Me me) => TypedResults.Created($"/api/v1/users/{me.UserName}", me);

    /// <remarks>
    /// Unknown names and deleted accounts cost the same hashing as a wrong password (<see cref="UnknownAccounts"/>), and
    /// failures are counted per name or address as typed for both (<see cref="SignInLockout"/>): the same "wrong" answer,
    /// and the same "locked" answer after as many tries, whether or not an account has the name.
    /// </remarks>
    static async Task<Results<EmptyHttpResult, SignInHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, UserManager<User> users, SignInManager<User> signIn, Sessions sessions, UnknownAccounts unknown,
        SignInLockout lockout, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var name = request.UserNameOrEmail?.Trim() ?? "";
        if (string.IsNullOrEmpty(request.Password)) return WrongCredentials();
        // A locked name is answered before its password is looked at, as Identity answers a locked account.
        if (await lockout.LockedUntilAsync(name, ct) is { } locked) return Locked(http, locked, clock);
        var user = name.Contains('@') ? await users.FindByEmailAsync(name) : await users.FindByNameAsync(name);
        bool right;
        if (user is not { PasswordHash: not null })
        {
            unknown.CheckPassword(request.Password);
            right = false;
        }
        else
        {
            // Identity's own lockout is what wrong current passwords given with a session set; sign-in honours it.
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: false);
            if (result.IsLockedOut) return Locked(http, await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow(), clock);
            right = result.Succeeded;
        }
        if (!right) return await lockout.FailedAsync(name, ct) is { } until ? Locked(http, until, clock) : WrongCredentials();

        await lockout.SucceededAsync(name, ct);
        var principal = await sessions.StartAsync(user!, http.Request.Headers.UserAgent.ToString(), ct);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    internal static ProblemHttpResult Locked(HttpContext http, DateTimeOffset until, TimeProvider clock)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked",
            detail: $"Too many failed sign-ins. Try again in {Math.Ceiling(seconds / 60.0)} minutes, or reset your password.");
    }

    static ProblemHttpResult WrongCredentials() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign-in failed", detail: "The user name or password is wrong.");

    static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<User> signIn, Sessions sessions,
        SessionValidator validator, TimeProvider clock, CancellationToken ct)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        var unauthorized = TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Session ended",
            detail: "The refresh token is invalid or expired; sign in again.");
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return unauthorized;
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user) return unauthorized;
        // The session must still be live: sign-out and password changes end refreshes too.
        if (await validator.ValidateAsync(ticket.Principal, ct) is null) return unauthorized;

        var sessionId = Guid.Parse(ticket.Principal.FindFirst(SessionClaims.SessionId)!.Value);
        // Tokens issued before rotation existed carry no generation: they were generation 0.
        var presented = int.TryParse(ticket.Principal.FindFirst(SessionClaims.RefreshGeneration)?.Value, out var g) ? g : 0;
        if (await sessions.RotateAsync(sessionId, presented, ct) is not { } generation) return unauthorized;
        return TypedResults.SignIn(await sessions.PrincipalAsync(user, sessionId, generation), authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Signing out ends every session of the account (each device's tokens stop working), as a password change does.</summary>
    static async Task<NoContent> LogoutAsync(HttpContext http, Sessions sessions, CancellationToken ct)
    {
        if (http.User.UserId() is { } userId) await sessions.RevokeAllAsync(userId, ct);
        else if (Guid.TryParse(http.User.FindFirst(SessionClaims.SessionId)?.Value, out var sid)) await sessions.RevokeAsync(sid, ct);
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

    // These two answer the same, in the same time, whether or not the address is known (AccountMailQueue.SameTimeAsync).
    static async Task<Accepted> ResendConfirmationAsync(EmailRequest request, UserManager<User> users, AccountMailQueue mail)
    {
        Task? sent = null;
        if (await users.FindByEmailAsync(request.Email ?? "") is { EmailConfirmed: false } user)
        {
            var id = user.Id;
            sent = mail.Enqueue(id, (m, ct) => m.SendConfirmationAsync(id, ct));
        }
        await AccountMailQueue.SameTimeAsync(sent);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<Accepted> ForgotPasswordAsync(EmailRequest request, UserManager<User> users, AccountMailQueue mail)
    {
        Task? sent = null;
        if (await users.FindByEmailAsync(request.Email ?? "") is { Email: not null } user)
        {
            var id = user.Id;
            sent = mail.Enqueue(id, (m, ct) => m.SendPasswordResetAsync(id, ct));
        }
        await AccountMailQueue.SameTimeAsync(sent);
        return TypedResults.Accepted((string?)null);
    }

    static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        ResetPasswordRequest request, UserManager<User> users, Sessions sessions, SignInLockout lockout, CancellationToken ct)
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
        await lockout.ForgetAsync(user, ct);
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
