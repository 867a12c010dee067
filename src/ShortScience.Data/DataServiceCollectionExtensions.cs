using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ShortScience.Data;

public static class DataServiceCollectionExtensions
{
    public const string MigrationsAssembly = "ShortScience.Migrations";

    /// <summary>Registers a pooled <see cref="ShortScienceDb"/> on one shared NpgsqlDataSource.</summary>
    public static IServiceCollection AddShortScienceData(this IServiceCollection services, string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // A stopped database refuses connections at once, so requests fail fast (503) whatever this is. The timeout
        // bounds the rest: a pooled connection or a TLS/SCRAM handshake on a busy machine. 2 s was too short there
        // (100 parallel saves on two loaded cores got 503s while opening connections); 10 s still ends a hung host.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.ConnectionStringBuilder.Timeout = 10;
        // Statements a connection runs twice are prepared on it and kept: PostgreSQL then skips parsing and planning.
        // Under load on the paper page this took the database from 0.87 to 0.6 cores and the page from 272 to 400
        // requests/s (README, "Caching and speed"). Npgsql keeps prepared statements across pooled reuse.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        var dataSource = builder.Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<ShortScienceDb>((provider, options) =>
        {
            Configure(options, dataSource);
            // Interceptors registered in the container (tests count SQL commands per request this way).
            if (provider.GetServices<IInterceptor>().ToList() is { Count: > 0 } interceptors) options.AddInterceptors(interceptors);
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
