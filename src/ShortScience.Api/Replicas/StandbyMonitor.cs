using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ShortScience.Data;

namespace ShortScience.Api.Replicas;

/// <summary>
/// Watches every host of the standby connection string: is it up, is it a standby, how far behind the primary is
/// its replay. Lag is measured in time, not bytes: the primary's WAL position is sampled every check, and a standby
/// that has replayed up to a sample is at most as old as the sample before the first one it has not reached. An idle
/// primary therefore shows no lag (the standby has everything), unlike "now − last replayed commit".
/// </summary>
/// <remarks>
/// Standbys are usable when at least one answers and none that answers is past the lag limit: Npgsql spreads reads
/// over every standby it can reach, so one lagging standby sends all reads to the primary until it catches up.
/// </remarks>
public sealed class StandbyMonitor(NpgsqlDataSource primary, StandbyDataSource standbys, IOptions<StandbyOptions> options,
    TimeProvider clock, ILogger<StandbyMonitor> logger) : BackgroundService
{
    readonly Queue<(DateTimeOffset At, NpgsqlLogSequenceNumber Lsn)> _samples = new();
    readonly Dictionary<string, NpgsqlDataSource> _hosts = Hosts(standbys.ConnectionString);
    volatile bool _usable;
    volatile string _state = "not checked yet";

    /// <summary>Reads may go to the standbys now.</summary>
    public bool Usable => _usable;

    /// <summary>One line for the health report: each host's role and lag.</summary>
    public string State => _state;

    /// <summary>A standby read failed: stop reading from standbys until the next check says otherwise.</summary>
    public void ReportFailure()
    {
        _usable = false;
        standbys.DataSource.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CheckMilliseconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Checking the standbys failed");
                _usable = false;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await using var command = primary.CreateCommand("SELECT pg_current_wal_lsn()");
            command.CommandTimeout = 2;
            var lsn = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
            _samples.Enqueue((now, lsn));
            // Enough history to measure any lag worth measuring (a minute at the default interval, at most 4096).
            while (_samples.Count > 4096 || (_samples.Count > 1 && now - _samples.Peek().At > TimeSpan.FromMinutes(10))) _samples.Dequeue();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The primary is away: standbys keep serving reads, judged against what the primary last said.
        }

        var limit = TimeSpan.FromMilliseconds(options.Value.MaxLagMilliseconds);
        var up = 0;
        var lagging = 0;
        var states = new List<string>();
        foreach (var (name, host) in _hosts)
        {
            try
            {
                await using var command = host.CreateCommand("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()");
                command.CommandTimeout = 2;
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                if (!reader.GetBoolean(0))
                {
                    states.Add($"{name} primary");
                    continue; // the primary listed as the last resort
                }
                var lag = Lag(reader.IsDBNull(1) ? null : reader.GetFieldValue<NpgsqlLogSequenceNumber>(1), now);
                up++;
                if (lag > limit) lagging++;
                states.Add($"{name} standby lag {lag.TotalMilliseconds:0} ms");
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                states.Add($"{name} down");
            }
        }

        var usable = up > 0 && lagging == 0;
        var state = string.Join("; ", states);
        if (usable != _usable || (state.Contains("down") != _state.Contains("down")))
        {
            logger.LogInformation("Standby reads {Usable}: {State}", usable ? "on" : "off", state);
            // Connections to a standby that went away would fail one by one; drop them all now.
            if (state.Contains("down")) standbys.DataSource.Clear();
        }
        _state = state;
        _usable = usable;
    }

    TimeSpan Lag(NpgsqlLogSequenceNumber? replayed, DateTimeOffset now)
    {
        if (replayed is null) return TimeSpan.MaxValue;
        // The newest sample the standby has reached; it holds everything written before that sample was taken.
        DateTimeOffset? reached = null;
        DateTimeOffset? oldest = null;
        foreach (var (at, lsn) in _samples)
        {
            oldest ??= at;
            if (lsn <= replayed.Value) reached = at;
            else break;
        }
        if (reached is null) return oldest is null ? TimeSpan.Zero : now - oldest.Value;
        var last = _samples.Count > 0 ? _samples.Last() : default;
        return last.Lsn <= replayed.Value ? TimeSpan.Zero : now - reached.Value;
    }

    /// <summary>One small data source per host of the standby connection string, for asking each on its own.</summary>
    static Dictionary<string, NpgsqlDataSource> Hosts(string connectionString)
    {
        var all = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = new Dictionary<string, NpgsqlDataSource>();
        foreach (var entry in (all.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var one = new NpgsqlConnectionStringBuilder(connectionString)
            {
                TargetSessionAttributes = null, LoadBalanceHosts = false, Timeout = 2, MaxPoolSize = 2, MaxAutoPrepare = 0,
            };
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && !entry.EndsWith(']') && int.TryParse(entry[(colon + 1)..], out var port))
            {
                one.Host = entry[..colon];
                one.Port = port;
            }
            else one.Host = entry;
            hosts[entry] = NpgsqlDataSource.Create(one);
        }
        return hosts;
    }

    public override void Dispose()
    {
        foreach (var host in _hosts.Values) host.Dispose();
        base.Dispose();
    }
}

/// <summary>Degraded (still 200) when reads cannot use the standbys: the primary serves them meanwhile.</summary>
public sealed class StandbyHealthCheck(StandbyMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.Usable ? HealthCheckResult.Healthy(monitor.State) : HealthCheckResult.Degraded(monitor.State));
}
