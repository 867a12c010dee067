using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Operations;
using ShortScience.Api.Demo;
using ShortScience.Data;

namespace ShortScience.Api.Operations;

public static class Commands
{
    /// <summary>
    /// Runs a maintenance command named on the command line (migrate, seed-demo, backup FILE, restore FILE,
    /// export FOLDER); false when the first argument is not a command.
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

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<ShortScienceDb>>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} pending migrations: {Migrations}", pending.Count, pending);
        await db.Database.MigrateAsync();
        logger.LogInformation("Database is up to date");
    }
}
