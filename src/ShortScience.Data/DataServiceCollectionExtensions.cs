using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ShortScience.Data;

public static class DataServiceCollectionExtensions
{
    public const string MigrationsAssembly = "ShortScience.Migrations";

    /// <summary>
    /// Registers a pooled <see cref="ShortScienceDb"/> on one shared NpgsqlDataSource (the primary). With
    /// <paramref name="standbyConnectionString"/> set (a multi-host string naming hot standbys, usually with the primary
    /// last), a second pool reads from the standbys: a request's scope gets the standby context only when its
    /// <see cref="DatabaseRoute"/> says so before anything resolves the context (the API's standby-reads middleware).
    /// </summary>
    public static IServiceCollection AddShortScienceData(this IServiceCollection services, string connectionString,
        string? standbyConnectionString = null)
    {
        var dataSource = Build(connectionString);
        services.AddSingleton(dataSource);
        services.AddScoped<DatabaseRoute>();
        if (standbyConnectionString is not { Length: > 0 })
        {
            services.AddDbContextPool<ShortScienceDb>((provider, options) => Configure(options, dataSource, provider));
            return services;
        }

        var standby = new StandbyDataSource(BuildStandby(standbyConnectionString), standbyConnectionString);
        services.AddSingleton(standby);
        services.AddPooledDbContextFactory<ShortScienceDb>((provider, options) => Configure(options, dataSource, provider));
        services.AddKeyedSingleton<IDbContextFactory<ShortScienceDb>>(StandbyDataSource.Key, (provider, _) =>
        {
            var options = new DbContextOptionsBuilder<ShortScienceDb>();
            Configure(options, standby.DataSource, provider);
            // One model for both pools: compiled queries refuse to run on a model other than the one they were made for.
            using (var primary = provider.GetRequiredService<IDbContextFactory<ShortScienceDb>>().CreateDbContext()) options.UseModel(primary.Model);
            return new PooledDbContextFactory<ShortScienceDb>(options.Options);
        });
        // The scope disposes the context it made, which hands it back to its pool.
        services.AddScoped(provider => provider.GetRequiredService<DatabaseRoute>().Standby
            ? provider.GetRequiredKeyedService<IDbContextFactory<ShortScienceDb>>(StandbyDataSource.Key).CreateDbContext()
            : provider.GetRequiredService<IDbContextFactory<ShortScienceDb>>().CreateDbContext());
        return services;
    }

    static NpgsqlDataSource Build(string connectionString) => Builder(connectionString, out _).Build();

    static NpgsqlMultiHostDataSource BuildStandby(string connectionString)
    {
        var builder = Builder(connectionString, out var given);
        // Reads go to a standby when one answers, else to whichever host is left (the primary, listed last).
        if (!given("Target Session Attributes"))
        {
            builder.ConnectionStringBuilder.TargetSessionAttributes = "prefer-standby";
        }
        return builder.BuildMultiHost();
    }

    static NpgsqlDataSourceBuilder Builder(string connectionString, out Func<string, bool> given)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        given = Given(connectionString);
        // A stopped database refuses connections at once, so requests fail fast (503) whatever this is. The timeout
        // bounds the rest: a pooled connection or a TLS/SCRAM handshake on a busy machine. 2 s was too short there
        // (100 parallel saves on two loaded cores got 503s while opening connections); 10 s still ends a hung host.
        if (!given("Timeout")) builder.ConnectionStringBuilder.Timeout = 10;
        // Statements a connection runs twice are prepared on it and kept: PostgreSQL then skips parsing and planning.
        // Under load on the paper page this took the database from 0.87 to 0.6 cores and the page from 272 to 400
        // requests/s (README, "Caching and speed"). Npgsql keeps prepared statements across pooled reuse.
        if (!given("Max Auto Prepare") && !given("Auto Prepare Min Usages"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        // Pooled connections go back without Npgsql's reset (RESET ALL, CLOSE ALL, UNLISTEN *, advisory unlock,
        // DISCARD …): seven statements PostgreSQL ran before each request's first query, a quarter of its CPU per
        // stored paper page. Nothing here leaves session state behind: settings are SET LOCAL, advisory locks are
        // transaction locks except the re-renderer's, which releases its own (RerenderTests).
        if (!given("No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder;
    }

    /// <summary>
    /// Whether the connection string sets a setting itself, read once. Keys are compared as Npgsql reads them (case and
    /// spaces ignored), so "Command Timeout" is not "Timeout" and a password containing a keyword is not a keyword.
    /// </summary>
    static Func<string, bool> Given(string connectionString)
    {
        static string Normal(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>().Select(Normal).ToHashSet();
        return keyword => keys.Contains(Normal(keyword));
    }

    static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, IServiceProvider provider)
    {
        Configure(options, dataSource);
        // Interceptors registered in the container (tests count SQL commands per request this way).
        if (provider.GetServices<IInterceptor>().ToList() is { Count: > 0 } interceptors) options.AddInterceptors(interceptors);
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}

/// <summary>Which server a request's scope reads from: the primary unless the API decided a lagging copy will do.</summary>
public sealed class DatabaseRoute
{
    /// <summary>Set before the scope first resolves <see cref="ShortScienceDb"/>; later changes have no effect.</summary>
    public bool Standby { get; set; }
}

/// <summary>The multi-host data source of the hot standbys, and the connection string it came from.</summary>
public sealed record StandbyDataSource(NpgsqlMultiHostDataSource DataSource, string ConnectionString)
{
    public const string Key = "standby";
}
