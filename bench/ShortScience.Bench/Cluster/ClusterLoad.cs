using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using ShortScience.Data.Entities;

namespace ShortScience.Bench.Cluster;

/// <summary>
/// The cluster drill's load (bench/cluster.sh): readers of pages and API reads, and writers publishing revision after
/// revision of their own summary, all through the balancer, for a fixed time; meanwhile the standby's replay lag is
/// sampled. Afterwards every acknowledged revision is looked up on the primary and on the standby. Prints one line:
/// <c>cluster: N requests, N failed, N lost writes, standby lag p99 X ms</c>.
/// </summary>
public static class ClusterLoad
{
    const string Password = "cluster drill password";

    public static async Task<int> RunAsync(Options options)
    {
        var site = new Uri(options.Text("site").TrimEnd('/') + "/");
        var primary = options.Text("primary");
        var standby = options.Text("standby");
        var seconds = options.Number("seconds", 120);
        var writers = options.Number("writers", 4);
        var readers = options.Number("readers", 8);

        await SeedAsync(primary, writers);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = site, Timeout = TimeSpan.FromSeconds(30),
        };
        var tokens = new List<string>();
        for (var w = 0; w < writers; w++) tokens.Add(await SignInAsync(http, $"drill{w}"));

        long requests = 0, failed = 0;
        var failures = new ConcurrentDictionary<string, int>();
        var acknowledged = new ConcurrentBag<(string Paper, int Revision)>();
        var lags = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();

        void Count(string what, HttpResponseMessage? response, Exception? error)
        {
            Interlocked.Increment(ref requests);
            if (error is null && (int)response!.StatusCode < 500) return;
            Interlocked.Increment(ref failed);
            failures.AddOrUpdate($"{what} {(error is null ? ((int)response!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().Name)}", 1, (_, n) => n + 1);
            Console.Error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0}s failed: {what} {(error is null ? (int)response!.StatusCode : error.Message)}");
        }

        async Task<HttpResponseMessage?> Send(string what, Func<Task<HttpResponseMessage>> call)
        {
            try
            {
                var response = await call();
                Count(what, response, null);
                return response;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A reader's request cut short by the end of the run is not a failure of the site.
                if (stop.IsCancellationRequested && ex is TaskCanceledException) return null;
                Count(what, null, ex);
                return null;
            }
        }

        var pages = new[] { "", "papers/drill-0", "papers/drill-1", "api/v1/papers?limit=20", "api/v1/papers/drill-2", "feeds/summaries.atom", "search?q=drill" };
        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var i = r;
            while (!stop.IsCancellationRequested)
            {
                var path = pages[i++ % pages.Length];
                using var response = await Send("GET /" + path.Split('?')[0], () => http.GetAsync(path, stop.Token));
                if (response is not null) await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            }
        }));
        var writerTasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var revision = 0;
            string? pin = null;
            while (!stop.IsCancellationRequested)
            {
                var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/papers/drill-{w}/summaries/mine")
                {
                    Content = JsonContent.Create(new { markdown = Text(w, revision + 1), baseRevision = revision == 0 ? (int?)null : revision, anonymous = false, note = (string?)null }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[w]);
                using (var response = await Send("PUT summary", () => http.SendAsync(request, CancellationToken.None)))
                {
                    if (response is { IsSuccessStatusCode: true })
                    {
                        revision++;
                        acknowledged.Add(($"drill-{w}", revision));
                        pin = response.Headers.TryGetValues("ShortScience-Primary-Pin", out var values) ? values.First() : pin;
                    }
                    else if (response is { StatusCode: System.Net.HttpStatusCode.Conflict })
                    {
                        revision = await CurrentRevisionAsync(primary, w); // a write that was applied but not acknowledged
                    }
                }
                // The writer reads its own summary back (with its pin: from the primary).
                var read = new HttpRequestMessage(HttpMethod.Get, $"api/v1/papers/drill-{w}");
                if (pin is not null) read.Headers.Add("ShortScience-Primary-Pin", pin);
                using var own = await Send("GET own paper", () => http.SendAsync(read, CancellationToken.None));
                await Task.Delay(50);
            }
        }));
        var lagTask = Task.Run(() => SampleLagAsync(primary, standby, lags, stop.Token));
        await Task.WhenAll(readerTasks.Concat(writerTasks).Append(lagTask));
        Console.Error.WriteLine($"load done after {clock.Elapsed.TotalSeconds:0} s: {requests} requests, {acknowledged.Count} acknowledged writes");
        foreach (var (what, n) in failures.OrderByDescending(f => f.Value)) Console.Error.WriteLine($"  {n} × {what}");

        var lost = await LostAsync(primary, standby, acknowledged.ToList());
        var sorted = lags.Order().ToList();
        var p99 = sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
        Console.WriteLine(FormattableString.Invariant($"cluster: {requests} requests, {failed} failed, {lost} lost writes, standby lag p99 {p99:0} ms"));
        return 0;
    }

    static string Text(int writer, int revision) =>
        $"Drill writer {writer}, revision {revision}.\n\nA few plain sentences so that the text is of a summary's size; nothing else.";

    /// <summary>Writers (confirmed members) and their papers, straight into the primary.</summary>
    static async Task SeedAsync(string primary, int writers)
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), Password);
        await using var db = new NpgsqlConnection(primary);
        await db.OpenAsync();
        async Task Sql(string sql, params (string, object)[] args)
        {
            await using var command = new NpgsqlCommand(sql, db);
            foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
            await command.ExecuteNonQueryAsync();
        }
        await Sql("INSERT INTO roles (id, name, normalized_name) SELECT @id, 'member', 'MEMBER' WHERE NOT EXISTS (SELECT 1 FROM roles WHERE name = 'member')", ("id", Guid.NewGuid()));
        for (var w = 0; w < writers; w++)
        {
            await Sql("INSERT INTO papers (key, title, normalized_title, keywords, categories, status, created_at, updated_at, summary_count) VALUES (@k, @t, lower(@t), '{}', '{}', 0, now(), now(), 0) ON CONFLICT DO NOTHING",
                ("k", $"drill-{w}"), ("t", $"Drill paper {w}"));
            var id = Guid.NewGuid();
            await Sql("""
                INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                  concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name, email_notifications, created_at)
                VALUES (@id, @name, upper(@name), @name || '@example.org', upper(@name || '@example.org'), true, @hash, @stamp, @stamp, false, false, true, 0, @name, false, now())
                ON CONFLICT DO NOTHING
                """, ("id", id), ("name", $"drill{w}"), ("hash", hash), ("stamp", Guid.NewGuid().ToString()));
            await Sql("INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.user_name = @name AND r.name = 'member' ON CONFLICT DO NOTHING", ("name", $"drill{w}"));
        }
    }

    static async Task<string> SignInAsync(HttpClient http, string name)
    {
        var response = await http.PostAsJsonAsync("api/v1/auth/login", new { userNameOrEmail = name, password = Password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    static async Task<int> CurrentRevisionAsync(string primary, int writer)
    {
        await using var db = new NpgsqlConnection(primary);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(s.current_revision), 0) FROM summaries s JOIN papers p ON p.id = s.paper_id WHERE p.key = @k", db);
        command.Parameters.AddWithValue("k", $"drill-{writer}");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How long a write on the primary takes to be replayed on the standby, sampled twice a second.</summary>
    static async Task SampleLagAsync(string primary, string standby, ConcurrentBag<double> lags, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var p = new NpgsqlConnection(primary + ";Pooling=false;Timeout=2");
                await p.OpenAsync(stop);
                await using var s = new NpgsqlConnection(standby + ";Pooling=false;Timeout=2");
                await s.OpenAsync(stop);
                while (!stop.IsCancellationRequested)
                {
                    await using var write = new NpgsqlCommand("SELECT pg_current_wal_lsn()", p);
                    var lsn = (NpgsqlLogSequenceNumber)(await write.ExecuteScalarAsync(stop))!;
                    var started = Stopwatch.StartNew();
                    while (started.Elapsed < TimeSpan.FromSeconds(30))
                    {
                        await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", s);
                        replayed.Parameters.AddWithValue("lsn", lsn.ToString());
                        if (await replayed.ExecuteScalarAsync(stop) is true) break;
                        await Task.Delay(2, stop);
                    }
                    lags.Add(started.Elapsed.TotalMilliseconds);
                    await Task.Delay(500, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                await Task.Delay(500, CancellationToken.None); // the standby (or primary) is down: no sample
            }
        }
    }

    /// <summary>Acknowledged revisions missing on the primary or on the standby (once it has caught up).</summary>
    static async Task<int> LostAsync(string primary, string standby, List<(string Paper, int Revision)> acknowledged)
    {
        NpgsqlLogSequenceNumber target;
        await using (var p = new NpgsqlConnection(primary + ";Pooling=false"))
        {
            await p.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", p);
            target = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!;
        }
        var lost = new HashSet<(string, int)>();
        foreach (var (name, connection) in new[] { ("primary", primary), ("standby", standby) })
        {
            var stored = new HashSet<(string, int)>();
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await using var db = new NpgsqlConnection(connection + ";Pooling=false;Timeout=5");
                    await db.OpenAsync();
                    if (name == "standby")
                    {
                        await using var caught = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", db);
                        caught.Parameters.AddWithValue("lsn", target.ToString());
                        if (await caught.ExecuteScalarAsync() is not true && deadline.Elapsed < TimeSpan.FromSeconds(60)) { await Task.Delay(200); continue; }
                    }
                    await using var command = new NpgsqlCommand(
                        "SELECT p.key, r.number, r.markdown FROM summary_revisions r JOIN summaries s ON s.id = r.summary_id JOIN papers p ON p.id = s.paper_id WHERE p.key LIKE 'drill-%'", db);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        var (key, number) = (reader.GetString(0), reader.GetInt32(1));
                        if (reader.GetString(2) == Text(int.Parse(key["drill-".Length..], System.Globalization.CultureInfo.InvariantCulture), number)) stored.Add((key, number));
                    }
                    break;
                }
                catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(500); // the standby is still starting after its restart
                }
            }
            var missing = acknowledged.Where(a => !stored.Contains(a)).ToList();
            Console.Error.WriteLine($"{name}: {stored.Count} drill revisions stored, {missing.Count} acknowledged ones missing");
            lost.UnionWith(missing);
        }
        return lost.Count;
    }
}
