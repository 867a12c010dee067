using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Operations;

/// <summary>
/// The API on a real primary and a real hot standby (pg_basebackup, streaming): public reads come from the standby,
/// a writer reads its own writes, a lagging or stopped standby is not read from, and the primary's loss fails
/// writes with 503 + Retry-After while reads go on from the standby.
/// </summary>
public sealed class StandbyReadsTests : IAsyncLifetime
{
    const string Database = "standbyreads";
    const string Paper = "standby-paper";
    PrivateCluster _primary = null!;
    PrivateCluster _standby = null!;
    readonly List<WebApplicationFactory<Program>> _apis = [];

    public async Task InitializeAsync()
    {
        _primary = await PrivateCluster.StartAsync();
        await _primary.CreateDatabaseAsync(Database);
        await TestDatabase.MigrateAsync(_primary.ConnectionString(Database));
        await ArrangeAsync();
        _standby = await _primary.StartStandbyAsync();
    }

    [Fact]
    public async Task PublicReadsComeFromTheStandbyAndAWriterReadsItsOwnWrite()
    {
        var api = Api(maxLagMilliseconds: 60_000);
        var anonymous = api.CreateClient();
        await WaitForStandbyAsync(anonymous, "Healthy");
        var writer = await SignInAsync(api);

        // Replay stops on the standby: what the primary takes from now on is not there.
        await _standby.QueryAsync("SELECT pg_wal_replay_pause()");
        var publish = await writer.PutAsJsonAsync($"/api/v1/papers/{Paper}/summaries/mine", new PublishRequest("Written while the standby waits.", null, false, null));
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        var pin = Assert.Single(publish.Headers.GetValues("ShortScience-Primary-Pin"));

        // A reader without the pin is served by the standby, which has not got the summary...
        Assert.Empty((await PaperAsync(anonymous)).Summaries);
        // ...the writer, sending back its pin, reads from the primary and sees it.
        var own = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/papers/{Paper}");
        own.Headers.Add("ShortScience-Primary-Pin", pin);
        var seen = await (await writer.SendAsync(own)).Content.ReadFromJsonAsync<PaperDetail>();
        Assert.Contains("Written while the standby waits.", Assert.Single(seen!.Summaries).Html);
        // A made-up pin counts for nothing.
        var forged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/papers/{Paper}");
        forged.Headers.Add("ShortScience-Primary-Pin", "CfDJ8forged");
        Assert.Empty((await (await anonymous.SendAsync(forged)).Content.ReadFromJsonAsync<PaperDetail>())!.Summaries);

        // A replica with a lag limit the paused standby is past reads from the primary instead.
        var strict = Api(maxLagMilliseconds: 300).CreateClient();
        await WaitForStandbyAsync(strict, "Degraded");
        Assert.Single((await PaperAsync(strict)).Summaries);

        // Replay resumes and the standby catches up: everyone sees the summary.
        await _standby.QueryAsync("SELECT pg_wal_replay_resume()");
        await WaitUntilAsync(async () => (await PaperAsync(anonymous)).Summaries.Count == 1, "the standby to replay the summary");
    }

    [Fact]
    public async Task AStoppedStandbyFailsNoReadAndAStoppedPrimaryFailsWritesCleanly()
    {
        var api = Api(maxLagMilliseconds: 60_000);
        var anonymous = api.CreateClient();
        await WaitForStandbyAsync(anonymous, "Healthy");
        var writer = await SignInAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/papers/{Paper}")).StatusCode); // a pooled standby connection

        // The standby goes away: every read still succeeds, from the primary.
        await _standby.StopAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/papers/{Paper}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/papers")).StatusCode);

        // It comes back and is read from again; then the primary goes away.
        await _standby.StartAgainAsync();
        await WaitForStandbyAsync(anonymous, "Healthy");
        await _primary.StopAsync();

        var publish = await writer.PutAsJsonAsync($"/api/v1/papers/{Paper}/summaries/mine", new PublishRequest("Written with the primary down.", null, false, null));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, publish.StatusCode);
        Assert.NotNull(publish.Headers.RetryAfter);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.False(publish.Headers.Contains("ShortScience-Primary-Pin"));
        // Readers go on, served by the standby (on a busy machine the monitor may first need one check to see the
        // primary gone and the standby still current).
        await WaitUntilAsync(async () => (await anonymous.GetAsync($"/api/v1/papers/{Paper}")).StatusCode == HttpStatusCode.OK,
            "a read served by the standby while the primary is down");

        // The primary returns: nothing of the failed write is there, and writing works again.
        await _primary.StartAgainAsync();
        Assert.Equal(0L, await _primary.QueryAsync("SELECT count(*) FROM summaries", Database));
        await WaitUntilAsync(async () => (await writer.PutAsJsonAsync($"/api/v1/papers/{Paper}/summaries/mine",
            new PublishRequest("Written once the primary is back.", null, false, null))).IsSuccessStatusCode, "a write to succeed again");
    }

    [Fact]
    public async Task AReadCachedFromAStandbyBehindAWriteIsEvictedAgainOnceTheStandbyHasTheWrite()
    {
        // Reads cached as in production; the lag limit leaves a few seconds to read the paused standby's old copy.
        var api = Api(maxLagMilliseconds: 4000, cacheReads: true);
        var anonymous = api.CreateClient();
        await WaitForStandbyAsync(anonymous, "Healthy");
        var writer = await SignInAsync(api);

        await _standby.QueryAsync("SELECT pg_wal_replay_pause()");
        var publish = await writer.PutAsJsonAsync($"/api/v1/papers/{Paper}/summaries/mine", new PublishRequest("Written while the standby waits.", null, false, null));
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        var afterWrite = (await anonymous.GetFromJsonAsync<ShortScience.Api.Caching.CacheEventsResponse>("/internal/cache-events"))!;
        // The write evicted the paper's cached reads; a reader served by the standby, which has not got the summary,
        // puts the old page back in the cache.
        Assert.Empty((await PaperAsync(anonymous)).Summaries);
        await _standby.QueryAsync("SELECT pg_wal_replay_resume()");

        // Once the standbys must have the write, what it evicted is evicted again, and the Web hosts hear of it...
        var position = afterWrite.Sequence;
        var heard = false;
        var polling = Stopwatch.StartNew();
        while (!heard && polling.Elapsed < TimeSpan.FromSeconds(30))
        {
            var next = (await anonymous.GetFromJsonAsync<ShortScience.Api.Caching.CacheEventsResponse>(
                $"/internal/cache-events?generation={afterWrite.Generation}&after={position}"))!;
            heard = next.Tags is null || next.Tags.Contains(CacheTags.Paper(Paper));
            position = next.Sequence;
        }
        Assert.True(heard, "the paper's tag was not evicted again within 30 s of the write");
        // ...so readers see the summary well before the old page's 60 s in the cache are up.
        await WaitUntilAsync(async () => (await PaperAsync(anonymous)).Summaries.Count == 1, "the cached old page to go", seconds: 10);
    }

    WebApplicationFactory<Program> Api(int maxLagMilliseconds, bool cacheReads = false)
    {
        var standbyConnection = new NpgsqlConnectionStringBuilder(_primary.ConnectionString(Database))
        {
            // The standby first, the primary as the last resort; a host that failed is tried again after a second.
            Host = $"127.0.0.1:{_standby.Port},127.0.0.1:{_primary.Port}",
            TargetSessionAttributes = "prefer-standby",
            LoadBalanceHosts = true,
            HostRecheckSeconds = 1,
        }.ConnectionString;
        var api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:ShortScience", _primary.ConnectionString(Database));
            builder.UseSetting("ConnectionStrings:ShortScienceStandby", standbyConnection);
            builder.UseSetting("Database:Standby:MaxLagMilliseconds", maxLagMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Database:Standby:CheckMilliseconds", "100");
            builder.UseSetting("Database:Standby:PinSeconds", "120");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Notifications:DigestEnabled", "false");
            builder.UseSetting("Caching:Reads", cacheReads ? "true" : "false");
            builder.UseSetting("Caching:PopularitySeconds", "0");
            foreach (var policy in new[] { "signup", "posting", "voting", "flagging", "preview", "views" })
            {
                builder.UseSetting($"RateLimits:{policy}:PermitLimit", "100000");
            }
        });
        _apis.Add(api);
        return api;
    }

    static async Task<PaperDetail> PaperAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/api/v1/papers/{Paper}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PaperDetail>())!;
    }

    static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("writer", TestAccounts.Password));
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        Assert.True(login.Headers.Contains("ShortScience-Primary-Pin"), "a sign-in is a write: it pins the client to the primary");
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until the API's own check of the standbys says <paramref name="status"/>.</summary>
    static Task WaitForStandbyAsync(HttpClient client, string status) => WaitUntilAsync(async () =>
    {
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
        return health.RootElement.GetProperty("checks").GetProperty("standby").GetProperty("status").GetString() == status;
    }, $"the standby check to say {status}");

    static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited {seconds} s for {what}");
    }

    async Task ArrangeAsync()
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), TestAccounts.Password);
        await using var db = new NpgsqlConnection(_primary.ConnectionString(Database));
        await db.OpenAsync();
        async Task Sql(string sql, params (string, object)[] args)
        {
            await using var command = new NpgsqlCommand(sql, db);
            foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
            await command.ExecuteNonQueryAsync();
        }
        await Sql("INSERT INTO roles (id, name, normalized_name) VALUES (@id, 'member', 'MEMBER') ON CONFLICT DO NOTHING", ("id", Guid.NewGuid()));
        await Sql("INSERT INTO papers (key, title, normalized_title, keywords, categories, status, created_at, updated_at, summary_count) VALUES (@k, @k, @k, '{}', '{}', 0, now(), now(), 0)", ("k", Paper));
        var id = Guid.NewGuid();
        await Sql("""
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
              concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name, email_notifications, created_at)
            VALUES (@id, 'writer', 'WRITER', 'writer@example.org', 'WRITER@EXAMPLE.ORG', true, @hash, @stamp, @stamp, false, false, true, 0, 'Writer', false, now())
            """, ("id", id), ("hash", hash), ("stamp", Guid.NewGuid().ToString()));
        await Sql("INSERT INTO user_roles (user_id, role_id) SELECT @id, id FROM roles WHERE name = 'member'", ("id", id));
    }

    public async Task DisposeAsync()
    {
        foreach (var api in _apis) await api.DisposeAsync();
        await _standby.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
