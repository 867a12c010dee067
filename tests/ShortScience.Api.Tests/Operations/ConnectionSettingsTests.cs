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
    static NpgsqlConnectionStringBuilder Effective(string connectionString)
    {
        using var provider = new ServiceCollection().AddShortScienceData(connectionString).BuildServiceProvider();
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        return new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
    }

    [Fact]
    public void DefaultsApplyToAPlainConnectionString()
    {
        var settings = Effective("Host=db;Database=shortscience;Username=app");
        Assert.Equal(10, settings.Timeout);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Username=app;Command Timeout=30")]
    [InlineData("Host=db;Username=app;Password=Timeout;Application Name=No Reset On Close")]
    [InlineData("Host=db;Username=app;CommandTimeout=30;Password='Max Auto Prepare=0'")]
    public void SettingsThatOnlyLookAlikeLeaveTheDefaults(string connectionString)
    {
        var settings = Effective(connectionString);
        Assert.Equal(10, settings.Timeout);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Username=app;Timeout=3;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;Username=app;timeout=3;MAXAUTOPREPARE=0;noresetonclose=false")]
    public void TheOperatorsOwnSettingsWin(string connectionString)
    {
        var settings = Effective(connectionString);
        Assert.Equal(3, settings.Timeout);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }
}
