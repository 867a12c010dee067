using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ShortScience.Data;

namespace ShortScience.Api.Tests.Operations;

/// <summary>
/// The API's own connection defaults (a 10 s open timeout, auto-prepare, no reset on close) apply unless the operator's
/// connection string sets that very setting: a setting whose name merely contains another's ("Command Timeout" is not
/// "Timeout") or a password that spells a keyword does not switch a default off.
/// </summary>
public sealed class ConnectionSettingsTests
{
    [Theory]
    // A plain string, and settings that only look alike: the defaults.
    [InlineData("Host=db;Database=shortscience;Username=app", 10, 64, true)]
    [InlineData("Host=db;Username=app;Command Timeout=30", 10, 64, true)]
    [InlineData("Host=db;Username=app;Password=Timeout;Application Name=No Reset On Close", 10, 64, true)]
    [InlineData("Host=db;Username=app;CommandTimeout=30;Password='Max Auto Prepare=0'", 10, 64, true)]
    // The operator's own settings win, however they spell the keys.
    [InlineData("Host=db;Username=app;Timeout=3;Max Auto Prepare=0;No Reset On Close=false", 3, 0, false)]
    [InlineData("Host=db;Username=app;timeout=3;MAXAUTOPREPARE=0;noresetonclose=false", 3, 0, false)]
    public void TheDefaultsYieldOnlyToTheSettingItself(string connectionString, int timeout, int maxAutoPrepare, bool noResetOnClose)
    {
        using var provider = new ServiceCollection().AddShortScienceData(connectionString).BuildServiceProvider();
        var settings = new NpgsqlConnectionStringBuilder(provider.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal(timeout, settings.Timeout);
        Assert.Equal(maxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, settings.NoResetOnClose);
    }
}
