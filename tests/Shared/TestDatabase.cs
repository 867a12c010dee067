using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ShortScience.Data;

namespace ShortScience.Testing;

/// <summary>
/// Real PostgreSQL for tests. The server comes from SHORTSCIENCE_TEST_DB (./test.sh starts a throw-away
/// cluster and sets it). Migrations are applied once to a template database; every test class gets its own
/// copy (CREATE DATABASE … TEMPLATE), so tests run in parallel without sharing rows.
/// </summary>
public static class TestDatabase
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SHORTSCIENCE_TEST_DB")
        ?? throw new InvalidOperationException(
            "SHORTSCIENCE_TEST_DB is not set: run the tests with ./test.sh, which starts PostgreSQL for them.");

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var template = await EnsureTemplateAsync();
        var name = $"t_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return For(name);
    }

    /// <summary>A database with no tables at all (for restoring backups into).</summary>
    public static async Task<string> CreateEmptyAsync(string purpose)
    {
        var name = $"e_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
        return For(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    static async Task<string> EnsureTemplateAsync()
    {
        if (_template is not null) return _template;
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = "ss_tpl_" + MigrationsHash();
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            // Several test processes start at once; one of them builds the template.
            await Execute(connection, "SELECT pg_advisory_lock(727100)");
            try
            {
                if (!await DatabaseExists(connection, name))
                {
                    var building = name + "_building";
                    await Execute(connection, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await Execute(connection, $"CREATE DATABASE \"{building}\"");
                    await MigrateAsync(For(building));
                    NpgsqlConnection.ClearAllPools();
                    await Execute(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await Execute(connection, "SELECT pg_advisory_unlock(727100)");
            }
            _template = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    static async Task MigrateAsync(string connectionString)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        var options = new DbContextOptionsBuilder<ShortScienceDb>();
        DataServiceCollectionExtensions.Configure(options, dataSource);
        await using var db = new ShortScienceDb(options.Options);
        await db.Database.MigrateAsync();
    }

    /// <summary>Names the template after the migrations it holds, so a new migration gets a new template.</summary>
    static string MigrationsHash()
    {
        var ids = typeof(ShortScience.Migrations.DesignTimeFactory).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)))
            .Select(t => t.GetCustomAttributes(typeof(MigrationAttribute), false).OfType<MigrationAttribute>().FirstOrDefault()?.Id ?? t.FullName)
            .Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        return Convert.ToHexStringLower(hash)[..12];
    }

    static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, MaxPoolSize = 30 }.ConnectionString;

    static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());

    static async Task<bool> DatabaseExists(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
