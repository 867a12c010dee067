using System.Diagnostics;
using Npgsql;

namespace ShortScience.Testing;

/// <summary>
/// A PostgreSQL server of a test's own, for tests that stop and start the database (the shared test server
/// must stay up for everyone else). Runs as the postgres user when the tests run as root, as PostgreSQL requires.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    readonly string _bin;
    readonly string _data;
    public int Port { get; private set; }

    PrivateCluster(string bin, string data, int port) => (_bin, _data, Port) = (bin, data, port);

    public string ConnectionString(string database = "postgres") =>
        // A stopped cluster refuses connections at once; the timeout only bounds a slow start on a loaded machine
        // (2 s made a migration here fail during a busy CI run).
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Timeout=10;Include Error Detail=true";

    public static async Task<PrivateCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .First(d => File.Exists(Path.Combine(d, "pg_ctl")));
        var data = Path.Combine(Path.GetTempPath(), $"shortscience-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres", data);
        var port = FreePort.Next();
        var cluster = new PrivateCluster(bin, data, port);
        await cluster.AsOwnerAsync("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.FirstStartAsync();
        return cluster;
    }

    /// <summary>
    /// A hot standby of this cluster on a port of its own: a base backup taken with pg_basebackup (-R writes the
    /// standby settings, streaming from this primary), started and answering read-only queries.
    /// </summary>
    public async Task<PrivateCluster> StartStandbyAsync()
    {
        // pg_basebackup makes the folder itself, owned by the server's user and private as PostgreSQL requires.
        var data = Path.Combine(Path.GetTempPath(), $"shortscience-pg-{Guid.NewGuid():N}");
        var standby = new PrivateCluster(_bin, data, FreePort.Next());
        await AsOwnerAsync("pg_basebackup", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast");
        await standby.FirstStartAsync();
        return standby;
    }

    /// <summary>Runs one statement on this cluster (e.g. pg_wal_replay_pause() on a standby).</summary>
    public async Task<object?> QueryAsync(string sql, string database = "postgres")
    {
        // Unpooled: a pooled connection would be a broken one after the test stopped and started this server.
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// The first start, on a port that was free a moment ago: an outgoing connection of a busy machine can take that
    /// ephemeral port before the server binds it, and then the server starts on another one. Restarts keep their port.
    /// </summary>
    async Task FirstStartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAgainAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && PortWasTaken())
            {
                Port = FreePort.Next();
            }
        }
    }

    bool PortWasTaken()
    {
        var log = Path.Combine(_data, "server.log");
        try
        {
            return File.Exists(log) && File.ReadAllText(log).Contains("Address already in use", StringComparison.Ordinal);
        }
        catch (UnauthorizedAccessException)
        {
            return true; // the log belongs to the server's user; a failed first start is retried anyway
        }
    }

    public Task StartAgainAsync() => AsOwnerAsync("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "30",
        "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories= -c fsync=off -c max_connections=100 -c hot_standby=on -c wal_receiver_status_interval=1s", "start");

    /// <summary>Stops at once, as a crash or a pulled cable would: open connections simply break.</summary>
    public Task StopAsync() => AsOwnerAsync("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    Task AsOwnerAsync(string tool, params string[] args) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {errors}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsOwnerAsync("pg_ctl", "-D", _data, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(_data, recursive: true);
    }
}
