using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ShortScience.Api.Tests.Hosting;

/// <summary>
/// The balancer (src/ShortScience.Balancer, its own process) with its API port, in front of one API and one Web
/// replica that say which they are and what X-Forwarded-For they got: the API port is taken by the port a request came
/// in on, not its Host header; the Web replicas' X-Forwarded-For reaches the API as they sent it; and replicas that all
/// fail their readiness check still get requests instead of the balancer answering 503 itself.
/// </summary>
public sealed class BalancerRoutingTests : IAsyncLifetime
{
    sealed class Replica(string name)
    {
        public string Name => name;
        public volatile bool Ready = true;
        public int Probes;
        public WebApplication App = null!;
        public string Address => App.Urls.First();
    }

    readonly Replica _api = new("api");
    readonly Replica _web = new("web");
    readonly StringBuilder _balancerOutput = new();
    Process? _balancer;
    Uri _site = null!;
    Uri _apiPort = null!;

    public async Task InitializeAsync()
    {
        await StartAsync(_api);
        await StartAsync(_web);
        var sitePort = FreePort.Next();
        var apiPort = FreePort.Next();
        while (apiPort == sitePort) apiPort = FreePort.Next();
        _site = new Uri($"http://127.0.0.1:{sitePort}/");
        _apiPort = new Uri($"http://127.0.0.1:{apiPort}/");
        var dll = Path.Combine(BalancerTests.RepositoryRoot(), "src", "ShortScience.Balancer", "bin", BalancerTests.Configuration(), "net10.0", "ShortScience.Balancer.dll");
        Assert.True(File.Exists(dll), $"the balancer is not built at {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     dll, "--urls", $"http://127.0.0.1:{sitePort};http://127.0.0.1:{apiPort}", $"--Balancer:ApiPort={apiPort}",
                     "--Balancer:HealthIntervalSeconds=1", $"--Balancer:Api:0={_api.Address}", $"--Balancer:Web:0={_web.Address}",
                     "--Serilog:MinimumLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(arg);
        }
        _balancer = Process.Start(start)!;
        _balancer.OutputDataReceived += (_, e) => { lock (_balancerOutput) _balancerOutput.AppendLine(e.Data); };
        _balancer.ErrorDataReceived += (_, e) => { lock (_balancerOutput) _balancerOutput.AppendLine(e.Data); };
        _balancer.BeginOutputReadLine();
        _balancer.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await probe.GetStringAsync(new Uri(_site, "who"))).StartsWith("web|", StringComparison.Ordinal)
                    && (await probe.GetStringAsync(new Uri(_apiPort, "who"))).StartsWith("api|", StringComparison.Ordinal))
                {
                    break;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.False(_balancer.HasExited, "the balancer stopped: " + Output());
            Assert.True(DateTime.UtcNow < until, "the balancer did not answer on both ports within 90 s: " + Output());
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_balancer is { HasExited: false }) _balancer.Kill(entireProcessTree: true);
        _balancer?.Dispose();
        await _api.App.DisposeAsync();
        await _web.App.DisposeAsync();
    }

    [Fact]
    public async Task TheApiPortIsTakenByTheConnectionsPortNotByTheHostHeader()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // A visitor on the public port naming the API port in Host gets the public routes, not the API's whole tree.
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(_site, "who"));
        forged.Headers.Host = $"127.0.0.1:{_apiPort.Port}";
        Assert.Equal("web", (await AnswerAsync(client, forged)).Replica);
        // On the API port everything goes to the API, whatever Host names.
        using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(_apiPort, "who"));
        call.Headers.Host = "balancer";
        Assert.Equal("api", (await AnswerAsync(client, call)).Replica);
    }

    [Fact]
    public async Task TheApiPortPassesTheWebReplicasForwardedForOnAndPublicRoutesSetTheirOwn()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // A Web replica's call names the visitor: the API must see that visitor, not the Web replica's address.
        using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(_apiPort, "api/v1/papers"));
        call.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(("api", "203.0.113.7"), await AnswerAsync(client, call));
        // A visitor's own claim on the public port is replaced by the address the balancer saw.
        using var visitor = new HttpRequestMessage(HttpMethod.Get, new Uri(_site, "api/v1/papers"));
        visitor.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(("api", "127.0.0.1"), await AnswerAsync(client, visitor));
    }

    [Fact]
    public async Task ReplicasThatAllFailTheirReadinessCheckStillGetRequests()
    {
        // The primary database is down, say: no API replica is ready, so no Web replica is either.
        _api.Ready = false;
        _web.Ready = false;
        var (apiProbes, webProbes) = (Volatile.Read(ref _api.Probes), Volatile.Read(ref _web.Probes));
        var waited = Stopwatch.StartNew();
        // Two checks each since: the balancer has taken the answer of the first.
        while (Volatile.Read(ref _api.Probes) < apiProbes + 2 || Volatile.Read(ref _web.Probes) < webProbes + 2)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the balancer did not check the replicas within 30 s: " + Output());
            await Task.Delay(100);
        }

        // Still forwarded: the API answers reads from its standbys and writes with its own 503.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(_site, "papers/p1"));
        Assert.Equal("web", (await AnswerAsync(client, page)).Replica);
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(_site, "api/v1/papers"));
        Assert.Equal("api", (await AnswerAsync(client, read)).Replica);
        using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(_apiPort, "api/v1/papers"));
        Assert.Equal("api", (await AnswerAsync(client, call)).Replica);
    }

    /// <summary>Which replica answered (200 expected) and the X-Forwarded-For it got.</summary>
    async Task<(string Replica, string ForwardedFor)> AnswerAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"{request.RequestUri}: {(int)response.StatusCode} {body}\n{Output()}");
        var parts = body.Split('|');
        return (parts[0], parts[1]);
    }

    static async Task StartAsync(Replica replica)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health/ready", () =>
        {
            Interlocked.Increment(ref replica.Probes);
            return replica.Ready ? Results.Text("ready") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/{**rest}", (HttpRequest request) => Results.Text($"{replica.Name}|{request.Headers["X-Forwarded-For"]}"));
        await app.StartAsync();
        replica.App = app;
    }

    string Output()
    {
        lock (_balancerOutput) return _balancerOutput.ToString();
    }
}
