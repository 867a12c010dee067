using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ShortScience.Api.Tests.Hosting;

/// <summary>
/// The balancer (src/ShortScience.Balancer, started as its own process) in front of two replicas, one of which has
/// just died and is not yet known to be gone (its health is asked once a minute here): no reader and no writer sees
/// an error, and each write arrives once, whole.
/// </summary>
public sealed class BalancerTests : IAsyncLifetime
{
    readonly List<string> _seen = [];
    WebApplication? _alive, _dead;
    Process? _balancer;
    readonly StringBuilder _balancerOutput = new();
    Uri _site = null!;

    public async Task InitializeAsync()
    {
        _alive = await ReplicaAsync("alive");
        _dead = await ReplicaAsync("dead");
        var port = FreePort.Next();
        _site = new Uri($"http://127.0.0.1:{port}/");
        var dll = Path.Combine(RepositoryRoot(), "src", "ShortScience.Balancer", "bin", Configuration(), "net10.0", "ShortScience.Balancer.dll");
        Assert.True(File.Exists(dll), $"the balancer is not built at {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     dll, "--urls", _site.ToString().TrimEnd('/'), "--Balancer:HealthIntervalSeconds=60",
                     $"--Balancer:Api:0={Address(_alive)}", $"--Balancer:Api:1={Address(_dead)}",
                     $"--Balancer:Web:0={Address(_alive)}", $"--Balancer:Web:1={Address(_dead)}",
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
                // Both replicas answer through it: the balancer has taken them both in.
                var answers = new HashSet<string>();
                for (var i = 0; i < 4; i++) answers.Add(await probe.GetStringAsync(new Uri(_site, "api/who")));
                if (answers.SetEquals(["alive", "dead"])) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.False(_balancer.HasExited, "the balancer stopped: " + Output());
            Assert.True(DateTime.UtcNow < until, "the balancer did not answer within 90 s: " + Output());
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_balancer is { HasExited: false }) _balancer.Kill(entireProcessTree: true);
        _balancer?.Dispose();
        if (_alive is not null) await _alive.DisposeAsync();
        if (_dead is not null) await _dead.DisposeAsync();
    }

    [Fact]
    public async Task AReplicaThatJustDiedCostsNoReaderOrWriterAnError()
    {
        await _dead!.StopAsync(); // its port now refuses connections; the balancer's next health check is a minute away
        lock (_seen) _seen.Clear();

        using var client = new HttpClient { BaseAddress = _site, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 10; i++)
        {
            using var page = await client.GetAsync($"papers/p{i}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("alive", await page.Content.ReadAsStringAsync());

            var body = $"write number {i}: " + new string('x', 2000 + i);
            using var write = await client.PutAsync($"api/v1/things/{i}", new StringContent(body, Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            Assert.Equal("alive " + body, await write.Content.ReadAsStringAsync());
        }
        lock (_seen)
        {
            // Every write arrived exactly once, whole.
            Assert.Equal(10, _seen.Count(s => s.StartsWith("PUT ", StringComparison.Ordinal)));
            Assert.Equal(10, _seen.Where(s => s.StartsWith("PUT ", StringComparison.Ordinal)).Distinct().Count());
        }
    }

    async Task<WebApplication> ReplicaAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health/ready", () => "ready");
        app.MapGet("/api/who", () => name);
        app.MapGet("/papers/{key}", () => name);
        app.MapPut("/api/v1/things/{id}", async (string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_seen) _seen.Add($"PUT {id} {name} {body.Length}");
            return Results.Text(name + " " + body);
        });
        await app.StartAsync();
        return app;
    }

    static string Address(WebApplication app) => app.Urls.First();

    string Output()
    {
        lock (_balancerOutput) return _balancerOutput.ToString();
    }

    internal static string Configuration() =>
        typeof(BalancerTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShortScience.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ShortScience.sln not found above " + AppContext.BaseDirectory);
    }
}
