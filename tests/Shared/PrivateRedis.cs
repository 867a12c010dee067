using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ShortScience.Testing;

/// <summary>A Redis server of a test's own (Debian's redis-server, no persistence), on a free loopback port.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    const string Server = "/usr/bin/redis-server";
    readonly Process _process;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    PrivateRedis(Process process, int port) => (_process, Port) = (process, port);

    public static async Task<PrivateRedis> StartAsync()
    {
        if (!File.Exists(Server)) throw new InvalidOperationException($"{Server} is missing: ./test.sh installs it (apt: redis-server).");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Server)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new PrivateRedis(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill();
        throw new InvalidOperationException($"redis-server did not listen on port {port}");
    }

    bool _stopped;

    /// <summary>Stops the server (a test may stop it early to see what an outage does; a second call does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
