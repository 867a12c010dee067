using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShortScience.Api.Accounts;
using ShortScience.Api.Demo;
using ShortScience.Data;

namespace ShortScience.Api.Operations;

public static class Commands
{
    /// <summary>
    /// Runs a maintenance command named on the command line (migrate, seed-demo, backup FILE, restore FILE,
    /// export FOLDER, make-admin USER); false when the first argument is not a command. A command that fails sets a
    /// non-zero exit code.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var name = args[0];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ShortScience.Commands");
        var connectionString = app.Configuration.GetConnectionString("ShortScience")!;
        string Argument(string what) => args.Length > 1 ? args[1] : throw new ArgumentException($"usage: {name} <{what}>");
        switch (name)
        {
            case "backup":
                await PgTools.BackupAsync(connectionString, Argument("file"), logger);
                return true;
            case "restore":
                await PgTools.RestoreAsync(connectionString, Argument("file"), logger);
                return true;
            case "export":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<PublicExport>().WriteAsync(Argument("folder"));
                }
                return true;
            case "migrate":
                await MigrateAsync(app.Services);
                return true;
            case "make-admin":
                await MakeAdminAsync(app.Services, Argument("user name or email"), logger);
                return true;
            case "seed-demo":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>dotnet ShortScience.Api.dll make-admin &lt;user&gt;</c>: the first admin (or another one) is made on the server,
    /// by whoever runs the site; from then on admins appoint moderators through the API.
    /// </summary>
    public static async Task<RoleChange> MakeAdminAsync(IServiceProvider services, string user, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RoleChanges>().MakeAdminAsync(user, CancellationToken.None);
        if (outcome == RoleChange.NoSuchUser)
        {
            logger.LogError("There is no account {User}; sign up first, then run make-admin again", user);
            Environment.ExitCode = 1;
        }
        else if (outcome == RoleChange.NotConfirmed)
        {
            logger.LogError("The account {User} has not confirmed its email address; confirm it (the mail sent at sign-up), then run make-admin again", user);
            Environment.ExitCode = 1;
        }
        else
        {
            logger.LogInformation("{User} is an admin{Already}", user, outcome == RoleChange.Unchanged ? " (already)" : "");
        }
        return outcome;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<ShortScienceDb>>();
        // The history table first: on an empty database EF Core probes it with a query that fails, and logs that
        // expected failure as an error ("Failed executing DbCommand") twice before it creates the table.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} pending migrations: {Migrations}", pending.Count, pending);
        await db.Database.MigrateAsync();
        logger.LogInformation("Database is up to date");
    }
}
