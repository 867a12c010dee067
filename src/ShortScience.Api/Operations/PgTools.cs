using System.Diagnostics;
using Npgsql;

namespace ShortScience.Api.Operations;

/// <summary>
/// pg_dump and pg_restore in PostgreSQL's custom format. The tools come from the machine's PostgreSQL
/// (the newest /usr/lib/postgresql/*/bin, or PG_BIN, or PATH); credentials go through the environment, never argv.
/// </summary>
public static class PgTools
{
    public static Task BackupAsync(string connectionString, string file, ILogger logger, CancellationToken ct = default) =>
        RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], connectionString, logger, ct);

    /// <summary>Replaces the database's contents with the backup, in one transaction: all of it or none.</summary>
    public static Task RestoreAsync(string connectionString, string file, ILogger logger, CancellationToken ct = default) =>
        RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
            $"--dbname={new NpgsqlConnectionStringBuilder(connectionString).Database}", file], connectionString, logger, ct);

    static async Task RunAsync(string tool, string[] args, string connectionString, ILogger logger, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PGHOST"] = cs.Host ?? "127.0.0.1";
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username ?? "postgres";
        start.Environment["PGDATABASE"] = cs.Database ?? "postgres";
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors.Trim()}");
        logger.LogInformation("{Tool} finished in {Seconds:0.0} s", tool, watch.Elapsed.TotalSeconds);
    }

    static string Find(string tool)
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin) return Path.Combine(bin, tool);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? tool;
    }
}
