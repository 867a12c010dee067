using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests.Operations;

/// <summary>
/// kill -9 of the API process while people publish: afterwards every revision in the database is whole (its text
/// complete, its HTML present) or absent, summaries point at their newest revision, and drafts are still there.
/// </summary>
public sealed partial class CrashTests : IAsyncLifetime
{
    const int Writers = 4;
    PrivateCluster _cluster = null!;
    string _connectionString = "";
    int _port;
    Process? _api;

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.StartAsync();
        await _cluster.CreateDatabaseAsync("crash");
        _connectionString = _cluster.ConnectionString("crash");
        _port = FreePort.Next();
        await RunApiCommandAsync("migrate");
    }

    [Fact]
    public async Task KillingTheApiMidSaveLeavesOnlyWholeRevisionsAndKeepsDrafts()
    {
        await ArrangeAsync();
        StartApi();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        await WaitHealthyAsync(http);
        var clients = new List<HttpClient>();
        for (var w = 0; w < Writers; w++)
        {
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest($"crash{w}", TestAccounts.Password));
            var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
            var client = new HttpClient { BaseAddress = http.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            clients.Add(client);
            (await client.PutAsJsonAsync("/api/v1/papers/crash-draft/summaries/mine/draft", new SaveDraftRequest($"Draft of writer {w}", null, false))).EnsureSuccessStatusCode();
        }

        // Each writer publishes revision after revision of a large text until the process dies under them.
        using var stop = new CancellationTokenSource();
        var published = 0;
        var writes = clients.Select((client, w) => Task.Run(async () =>
        {
            var revision = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var text = Text(w, revision + 1);
                    var response = await client.PutAsJsonAsync($"/api/v1/papers/crash-{w}/summaries/mine", new PublishRequest(text, revision == 0 ? null : revision, false, null));
                    if (response.IsSuccessStatusCode)
                    {
                        revision++;
                        Interlocked.Increment(ref published);
                    }
                }
                catch (HttpRequestException)
                {
                    return revision;
                }
            }
            return revision;
        })).ToList();
        // Kill while writes are in flight: once every writer has had time for a few publishes (a loaded
        // machine may need far longer than usual for the first, which starts the rendering engines).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Volatile.Read(ref published) < 3 * Writers && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(500);
        _api!.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flushing
        await _api.WaitForExitAsync();
        stop.Cancel();
        var acknowledged = await Task.WhenAll(writes);
        Assert.True(acknowledged.Sum() >= Writers, "writers should have published before the kill");

        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        for (var w = 0; w < Writers; w++)
        {
            var rows = new List<(int Number, string Markdown, int HtmlLength)>();
            await using (var command = new NpgsqlCommand(
                "SELECT r.number, r.markdown, length(r.html) FROM summary_revisions r JOIN summaries s ON s.id = r.summary_id JOIN papers p ON p.id = s.paper_id WHERE p.key = @key ORDER BY r.number", db))
            {
                command.Parameters.AddWithValue("key", $"crash-{w}");
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)));
            }
            // Every revision the API acknowledged is there; none is cut short; numbering has no holes.
            Assert.True(rows.Count >= acknowledged[w], $"writer {w}: {rows.Count} revisions stored, {acknowledged[w]} acknowledged");
            Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Number));
            foreach (var (number, markdown, htmlLength) in rows)
            {
                Assert.Equal(Text(w, number), markdown);
                Assert.True(htmlLength > markdown.Length / 2, $"writer {w} revision {number} has HTML of {htmlLength} characters");
            }
            await using var current = new NpgsqlCommand(
                "SELECT s.current_revision, r.number FROM summaries s JOIN papers p ON p.id = s.paper_id LEFT JOIN summary_revisions r ON r.id = s.current_revision_id WHERE p.key = @key", db);
            current.Parameters.AddWithValue("key", $"crash-{w}");
            await using var row = await current.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal((rows.Count, rows.Count), (row.GetInt32(0), row.GetInt32(1)));
        }
        await using var drafts = new NpgsqlCommand("SELECT count(*) FROM drafts d JOIN papers p ON p.id = d.paper_id WHERE p.key = 'crash-draft'", db);
        Assert.Equal(Writers, Convert.ToInt32(await drafts.ExecuteScalarAsync()));

        // And the API comes back on the same data.
        StartApi();
        await WaitHealthyAsync(http);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/papers/crash-0")).StatusCode);
    }

    /// <summary>A large text whose every revision is different and recognisable, so a torn write would show.</summary>
    static string Text(int writer, int revision) =>
        $"# Writer {writer}, revision {revision}\n\n" + string.Concat(Enumerable.Range(0, 400).Select(i => i % 20 == 0
            ? $"Paragraph {i} of revision {revision} with $x_{{{i}}}^2$.\n\n"
            : $"Paragraph {i} of revision {revision}, plain words that make the text long enough to take a while to write.\n\n")) + $"END {writer}/{revision}";

    async Task ArrangeAsync()
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), TestAccounts.Password);
        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        async Task Sql(string sql, params (string, object)[] args)
        {
            await using var command = new NpgsqlCommand(sql, db);
            foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
            await command.ExecuteNonQueryAsync();
        }
        await Sql("INSERT INTO roles (id, name, normalized_name) VALUES (@id, 'member', 'MEMBER') ON CONFLICT DO NOTHING", ("id", Guid.NewGuid()));
        foreach (var key in Enumerable.Range(0, Writers).Select(w => $"crash-{w}").Append("crash-draft"))
        {
            await Sql("INSERT INTO papers (key, title, normalized_title, keywords, categories, status, created_at, updated_at, summary_count) VALUES (@k, @k, @k, '{}', '{}', 0, now(), now(), 0)", ("k", key));
        }
        for (var w = 0; w < Writers; w++)
        {
            var id = Guid.NewGuid();
            await Sql("""
                INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                  concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name, email_notifications, created_at)
                VALUES (@id, @name, upper(@name), @name || '@example.org', upper(@name || '@example.org'), true, @hash, @stamp, @stamp, false, false, true, 0, @name, false, now())
                """, ("id", id), ("name", $"crash{w}"), ("hash", hash), ("stamp", Guid.NewGuid().ToString()));
            await Sql("INSERT INTO user_roles (user_id, role_id) SELECT @id, id FROM roles WHERE name = 'member'", ("id", id));
        }
    }

    void StartApi()
    {
        _api = Process.Start(ApiProcess([$"--urls=http://127.0.0.1:{_port}"]))!;
    }

    async Task RunApiCommandAsync(string command)
    {
        var start = ApiProcess([command]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"'{command}' exited with {process.ExitCode}:\n{await errors}\n{await output}");
    }

    ProcessStartInfo ApiProcess(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(ApiDll())! };
        start.ArgumentList.Add(ApiDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__ShortScience"] = _connectionString;
        start.Environment["Notifications__DigestEnabled"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var policy in new[] { "signup", "posting", "voting", "flagging", "preview", "views" }) start.Environment[$"RateLimits__{policy}__PermitLimit"] = "100000";
        return start;
    }

    /// <summary>The API as built for this run (same configuration as the tests), run as its own process.</summary>
    static string ApiDll()
    {
        var configuration = ConfigurationPart().Match(AppContext.BaseDirectory).Groups[1].Value;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ShortScience.sln"))) root = root.Parent;
        return Path.Combine(root!.FullName, "src", "ShortScience.Api", "bin", configuration, "net10.0", "ShortScience.Api.dll");
    }

    static async Task WaitHealthyAsync(HttpClient http)
    {
        var started = Stopwatch.StartNew();
        // Generous: a cold process start (JIT, migrations check) on a busy 2-core machine can take a minute or more.
        while (started.Elapsed < TimeSpan.FromSeconds(180))
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The API process did not become healthy");
    }

    [GeneratedRegex(@"[/\\]bin[/\\]([^/\\]+)[/\\]net")]
    private static partial Regex ConfigurationPart();

    public async Task DisposeAsync()
    {
        if (_api is { HasExited: false }) _api.Kill(entireProcessTree: true);
        await _cluster.DisposeAsync();
    }
}
