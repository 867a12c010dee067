using Microsoft.AspNetCore.Identity;
using ShortScience.Api.Mail;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

/// <summary>The account emails; links point at the public Web site (Site:PublicUrl). Sent through <see cref="AccountMailQueue"/>.</summary>
public sealed class AccountMail(UserManager<User> users, IMailer mailer, IConfiguration configuration)
{
    string Site => (configuration["Site:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public async Task SendConfirmationAsync(Guid userId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { Email: not null } user) return;
        var code = AccountsApi.EncodeCode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = $"{Site}/account/confirm?userId={user.Id}&code={code}";
        await mailer.SendAsync(new MailMessage(user.Email, "Confirm your ShortScience account",
            $"""
            Hello {user.DisplayName},

            Please confirm your email address to start writing summaries on ShortScience:

            {link}

            If you did not sign up, ignore this message.
            """), ct);
    }

    public async Task SendPasswordResetAsync(Guid userId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { Email: not null } user) return;
        var code = AccountsApi.EncodeCode(await users.GeneratePasswordResetTokenAsync(user));
        var link = $"{Site}/account/reset-password?email={Uri.EscapeDataString(user.Email)}&code={code}";
        await mailer.SendAsync(new MailMessage(user.Email, "Reset your ShortScience password",
            $"""
            Hello {user.DisplayName},

            Someone (hopefully you) asked to reset the password of your ShortScience account. Choose a new one here:

            {link}

            The link works once and for one day. If you did not ask for it, ignore this message: your password stays as it is.
            """), ct);
    }

    /// <summary>
    /// Sign-up with an address that already has an account answers as if it worked (so it reveals nothing) and
    /// tells the owner instead, who is the only one who should learn that the address is registered.
    /// </summary>
    public async Task SendSignUpAttemptAsync(Guid userId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { Email: not null } user) return;
        await mailer.SendAsync(new MailMessage(user.Email, "Someone tried to sign up with your address",
            $"""
            Hello {user.DisplayName},

            Someone (perhaps you) tried to create a new ShortScience account with this email address. You already
            have an account: your user name is {user.UserName}.

            Sign in here: {Site}/account/login
            Forgot your password? Choose a new one here: {Site}/account/forgot-password

            If it was not you, ignore this message: nothing was changed and no second account was made.
            """), ct);
    }
}
