using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Demo;
using ShortScience.Data;

namespace ShortScience.Api.Extensions;

public static class Commands
{
    /// <summary>Runs a maintenance command named on the command line; false when the name is not a command.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string name)
    {
        switch (name)
        {
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
