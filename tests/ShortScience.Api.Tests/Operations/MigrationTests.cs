using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ShortScience.Api.Operations;
using ShortScience.Data;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Operations;

public sealed class MigrationTests
{
    /// <summary>
    /// The first start on an empty database (every `./run.sh` on a fresh machine) migrates it without an error in the
    /// log: EF Core probed the migrations history table before creating it and logged each failed probe as
    /// "Failed executing DbCommand", which an operator reads as something gone wrong.
    /// </summary>
    [Fact]
    public async Task AnEmptyDatabaseIsMigratedWithoutAnErrorInTheLog()
    {
        var database = await TestDatabase.CreateEmptyAsync("migrate");
        var logged = new LoggedLevels();
        await using var dataSource = new NpgsqlDataSourceBuilder(database).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logged).SetMinimumLevel(LogLevel.Debug))
            .AddDbContext<ShortScienceDb>(options => DataServiceCollectionExtensions.Configure(options, dataSource))
            .BuildServiceProvider();
        try
        {
            await Commands.MigrateAsync(services);
            await Commands.MigrateAsync(services); // a second start: nothing pending, still nothing logged as an error

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Contains(logged.Messages, m => m.StartsWith("Applying ", StringComparison.Ordinal) && !m.StartsWith("Applying 0 ", StringComparison.Ordinal));
            Assert.Empty(logged.Errors);
        }
        finally
        {
            await services.DisposeAsync();
            await TestDatabase.DropAsync(database);
        }
    }

    sealed class LoggedLevels : ILoggerProvider, ILogger
    {
        public List<string> Messages { get; } = [];
        public List<string> Errors { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            lock (Messages)
            {
                Messages.Add(message);
                if (logLevel >= LogLevel.Error) Errors.Add(message);
            }
        }

        public void Dispose() { }
    }
}
