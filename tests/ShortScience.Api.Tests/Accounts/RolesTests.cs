using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ShortScience.Api.Accounts;
using ShortScience.Api.Operations;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

/// <summary>
/// Roles from inside the application: the operator makes the first admin (<c>make-admin</c>), admins appoint and remove
/// moderators through the API, and every change lands in the moderation log.
/// </summary>
public sealed partial class RolesTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<HttpClient> AdminAsync(string name)
    {
        var client = await app.MemberAsync(name);
        Assert.Equal(RoleChange.Done, await Commands.MakeAdminAsync(app.Services, name, NullLogger.Instance));
        return client;
    }

    [Fact]
    public async Task AnAdminMakesAMemberAModeratorAndTakesItBackAndBothAreLogged()
    {
        var admin = await AdminAsync("ro-admin");
        var carol = await app.MemberAsync("ro-carol");
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync("/api/v1/moderation/flags")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync("/api/v1/moderation/moderators/ro-carol", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/api/v1/moderation/flags")).StatusCode);
        var staff = await admin.GetFromJsonAsync<List<StaffMember>>("/api/v1/moderation/moderators");
        Assert.Contains(staff!, s => s.UserName == "ro-carol" && s.Roles.SequenceEqual([Roles.Moderator]) && !s.Banned);
        Assert.Contains(staff!, s => s.UserName == "ro-admin" && s.Roles.Contains(Roles.Admin));
        Assert.Contains(Roles.Moderator, (await carol.GetFromJsonAsync<Me>("/api/v1/me"))!.Roles);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/moderation/moderators/ro-carol")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync("/api/v1/moderation/flags")).StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<List<StaffMember>>("/api/v1/moderation/moderators"))!, s => s.UserName == "ro-carol");
        var log = (await admin.GetFromJsonAsync<Page<ModerationLogEntry>>("/api/v1/moderation/log"))!.Items.Where(e => e.TargetId == "ro-carol").ToList();
        Assert.Equal(["revoke-moderator", "grant-moderator"], log.Select(e => e.Action));
        Assert.All(log, e => Assert.Equal(("ro-admin", "user"), (e.Moderator?.UserName, e.TargetType)));
        // Asking again changes nothing and logs nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/moderation/moderators/ro-carol")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.ModerationActions.CountAsync(a => a.TargetId == "ro-carol")));
    }

    [Fact]
    public async Task RoleChangesFollowTheRulesAndSayWhy()
    {
        var admin = await AdminAsync("ro-boss");
        var otherAdmin = await AdminAsync("ro-boss2");
        var moderator = await app.ModeratorAsync("ro-mod");
        await app.MemberAsync("ro-target");
        await app.ReaderAsync("ro-reader");
        var banned = await app.MemberAsync("ro-banned");
        (await admin.PostAsJsonAsync("/api/v1/moderation/users/ro-banned/ban", new BanRequest("spam"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/v1/moderation/moderators/ro-nobody", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/v1/moderation/moderators/ro-boss")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/v1/moderation/moderators/ro-boss2")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync("/api/v1/moderation/moderators/ro-reader", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync("/api/v1/moderation/moderators/ro-banned", null)).StatusCode);
        Assert.Equal("application/problem+json", (await admin.PutAsync("/api/v1/moderation/moderators/ro-banned", null)).Content.Headers.ContentType?.MediaType);
        // Moderators do not appoint moderators, nor remove one another.
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PutAsync("/api/v1/moderation/moderators/ro-target", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.DeleteAsync("/api/v1/moderation/moderators/ro-mod")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/api/v1/moderation/moderators")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await banned.GetAsync("/api/v1/moderation/moderators")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherAdmin.GetAsync("/api/v1/moderation/moderators")).StatusCode);
    }

    [Fact]
    public async Task AnAccountThatHasNotConfirmedItsAddressIsNotMadeAnAdminByCommandOrConfiguration()
    {
        // Someone signs up first with the address the operator means to use (sign-up needs no confirmation).
        (await app.RegisterAsync("ro-squatter")).EnsureSuccessStatusCode();
        Assert.Equal(RoleChange.NotConfirmed, await Commands.MakeAdminAsync(app.Services, "ro-squatter@example.org", NullLogger.Instance));
        Environment.ExitCode = 0; // the command's failure, not this test run's

        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Email"] = "ro-squatter@example.org", ["Admin:Password"] = "the operator's own passphrase" })
            .Build();
        await new AccountBootstrap(app.Services, configuration, NullLogger<AccountBootstrap>.Instance).StartAsync(CancellationToken.None);

        var roles = await app.WithDbAsync(db => db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.UserName == "ro-squatter"))
            .Select(r => db.Roles.Single(x => x.Id == r.RoleId).Name).ToListAsync());
        Assert.DoesNotContain(Roles.Admin, roles);
        Assert.DoesNotContain(Roles.Member, roles);
    }

    [Fact]
    public async Task TheMakeAdminCommandOfTheBuiltApiMakesTheFirstAdmin()
    {
        var client = await app.MemberAsync("ro-first");

        var (code, output) = await RunApiAsync("make-admin", "ro-first@example.org");

        Assert.True(code == 0, output);
        var me = await client.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Contains(Roles.Admin, me!.Roles);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/moderation/moderators")).StatusCode);
        var logged = await app.WithDbAsync(db => db.ModerationActions.SingleAsync(a => a.TargetId == "ro-first"));
        Assert.Equal("grant-admin", logged.Action);

        var (unknown, said) = await RunApiAsync("make-admin", "ro-nobody");
        Assert.True(unknown != 0, said);
    }

    async Task<(int Code, string Output)> RunApiAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(ApiDll())!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ApiDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__ShortScience"] = app.ConnectionString;
        start.Environment["Notifications__DigestEnabled"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The API as built for this run, as <c>CrashTests</c> starts it.</summary>
    static string ApiDll()
    {
        var configuration = ConfigurationPart().Match(AppContext.BaseDirectory).Groups[1].Value;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ShortScience.sln"))) root = root.Parent;
        return Path.Combine(root!.FullName, "src", "ShortScience.Api", "bin", configuration, "net10.0", "ShortScience.Api.dll");
    }

    [GeneratedRegex(@"[/\\]bin[/\\]([^/\\]+)[/\\]net")]
    private static partial Regex ConfigurationPart();
}
