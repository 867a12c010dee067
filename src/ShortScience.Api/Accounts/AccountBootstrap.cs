using Microsoft.AspNetCore.Identity;
using ShortScience.Api.Moderation;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Accounts;

/// <summary>
/// On start: the four roles exist, and the first admin named in configuration (Admin:Email, Admin:UserName,
/// Admin:Password) exists and is an admin. Skipped quietly when the database is not migrated yet.
/// </summary>
public sealed class AccountBootstrap(IServiceProvider services, IConfiguration configuration, ILogger<AccountBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var rolesScope = services.CreateAsyncScope();
            var roles = rolesScope.ServiceProvider.GetRequiredService<RoleManager<Role>>();
            try
            {
                foreach (var name in new[] { Roles.Reader, Roles.Member, Roles.Moderator, Roles.Admin })
                {
                    if (!await roles.RoleExistsAsync(name)) await roles.CreateAsync(new Role { Name = name });
                }
                break;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                logger.LogWarning("The database has no tables yet; run the migrate command. Roles were not created");
                return;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (attempt < 3
                && ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // Another replica starting at the same moment created that role first: look again.
            }
        }

        await using var scope = services.CreateAsyncScope();

        var email = configuration["Admin:Email"];
        if (string.IsNullOrWhiteSpace(email)) return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            var password = configuration["Admin:Password"];
            if (string.IsNullOrEmpty(password))
            {
                logger.LogWarning("Admin:Email is set but Admin:Password is not; no admin account was created");
                return;
            }
            admin = new User
            {
                UserName = configuration["Admin:UserName"] ?? "admin", Email = email, EmailConfirmed = true,
                DisplayName = configuration["Admin:DisplayName"] ?? "Administrator", CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                logger.LogError("Could not create the admin account {Email}: {Errors}", email, created.Errors.Select(e => e.Description));
                return;
            }
            logger.LogInformation("Created the admin account {UserName}", admin.UserName);
        }
        else if (!admin.EmailConfirmed)
        {
            // Someone signed up with this address before the operator set it: not an admin until the address is confirmed.
            logger.LogError("An account with the address in Admin:Email ({UserName}) has not confirmed it; it was not made an admin", admin.UserName);
            return;
        }
        foreach (var role in new[] { Roles.Member, Roles.Admin })
        {
            if (await users.IsInRoleAsync(admin, role)) continue;
            await users.AddToRoleAsync(admin, role);
            if (role != Roles.Admin) continue;
            // Every grant of a role is in the moderation log, this one included.
            var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
            ModerationLog.Add(db, admin.Id, "grant-admin", "user", admin.UserName!, "Admin:Email configuration",
                scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
