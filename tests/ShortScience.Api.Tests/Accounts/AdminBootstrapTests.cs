using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

public sealed class AdminBootstrapTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public AdminBootstrapTests(ApiFactory app)
    {
        _app = app;
        _app.Settings["Admin:Email"] = "root@example.org";
        _app.Settings["Admin:UserName"] = "root";
        _app.Settings["Admin:Password"] = "an admin passphrase from config";
    }

    [Fact]
    public async Task TheFirstAdminIsCreatedFromConfiguration()
    {
        var tokens = await _app.LoginAsync("root", "an admin passphrase from config");

        var me = await _app.ClientWith(tokens.AccessToken).GetFromJsonAsync<Me>("/api/v1/me");

        Assert.Contains("admin", me!.Roles);
        Assert.True(me.EmailConfirmed);
    }

    [Fact]
    public async Task TheConfiguredAdminIsWrittenToTheModerationLogOnce()
    {
        await _app.LoginAsync("root", "an admin passphrase from config");

        var grants = await _app.WithDbAsync(db => db.ModerationActions.Where(a => a.TargetId == "root").Select(a => a.Action).ToListAsync());

        Assert.Equal(["grant-admin"], grants);
    }
}
