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
        // A database that is down must make requests fail fast (and answer 503), not queue for 15 s.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.ConnectionStringBuilder.Timeout = 2;
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
