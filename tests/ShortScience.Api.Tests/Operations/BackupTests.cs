using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ShortScience.Api.Operations;
using ShortScience.Api.Demo;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Operations;

public sealed class BackupTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly string[] Tables = ["venues", "papers", "authors", "paper_authors", "summaries", "summary_revisions", "users", "user_roles"];

    [Fact]
    public async Task ABackupRestoredIntoAnEmptyDatabaseHoldsTheSameRowsAndTexts()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
        var file = Path.Combine(Path.GetTempPath(), $"shortscience-{Guid.NewGuid():N}.dump");
        var copy = await TestDatabase.CreateEmptyAsync("restore");
        try
        {
            await PgTools.BackupAsync(app.ConnectionString, file, NullLogger.Instance);
            Assert.True(new FileInfo(file).Length > 10_000);
            await PgTools.RestoreAsync(copy, file, NullLogger.Instance);

            foreach (var table in Tables)
            {
                Assert.Equal(await ScalarAsync(app.ConnectionString, $"SELECT count(*) FROM {table}"), await ScalarAsync(copy, $"SELECT count(*) FROM {table}"));
            }
            const string texts = "SELECT md5(string_agg(markdown || html, '' ORDER BY id)) FROM summary_revisions";
            Assert.Equal(await ScalarAsync(app.ConnectionString, texts), await ScalarAsync(copy, texts));
            const string migrations = "SELECT string_agg(migration_id, ',' ORDER BY migration_id) FROM \"__EFMigrationsHistory\"";
            Assert.Equal(await ScalarAsync(app.ConnectionString, migrations), await ScalarAsync(copy, migrations));
        }
        finally
        {
            File.Delete(file);
            await TestDatabase.DropAsync(copy);
        }
    }

    [Fact]
    public async Task RestoringABrokenFileChangesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shortscience-{Guid.NewGuid():N}.dump");
        await File.WriteAllTextAsync(file, "this is not a pg_dump archive");
        var before = await ScalarAsync(app.ConnectionString, "SELECT count(*) FROM papers");
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => PgTools.RestoreAsync(app.ConnectionString, file, NullLogger.Instance));
            Assert.Equal(before, await ScalarAsync(app.ConnectionString, "SELECT count(*) FROM papers"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
