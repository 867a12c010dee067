using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Accounts;

public static class Policies
{
    /// <summary>Signed in with a confirmed email and not banned: may write, comment, vote.</summary>
    public const string Member = "member";

    /// <summary>Signed in, confirmed or not, and not banned: may report what they read (anyone signed in can flag).</summary>
    public const string NotBanned = "not-banned";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
}

public static class AccountServices
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("ShortScience.Api").PersistKeysToDbContext<ShortScienceDb>();

        services.AddAuthentication(IdentityConstants.BearerScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = TimeSpan.FromDays(30);
            });

        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
                // ASVS V2.1: length, not composition. Common passwords are refused by CommonPasswordValidator.
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<ShortScienceDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddSingleton<CommonPasswords>();
        services.AddScoped<Sessions>();
        services.AddScoped<SessionValidator>();
        services.AddSingleton<UnknownAccounts>();
        services.AddScoped<SignInLockout>();
        services.AddSingleton<AccountMailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountMailQueue>());
        services.AddScoped<RoleChanges>();
        services.AddHostedService<AccountBootstrap>();

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.NotBanned, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => !c.User.IsBanned()))
            .AddPolicy(Policies.Member, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsMember()))
            .AddPolicy(Policies.Moderator, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsModerator()))
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsAdmin()));
    }
}
