extern alias api;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using DemoSeeder = api::ShortScience.Api.Demo.DemoSeeder;

namespace ShortScience.Web.Tests.Durability;

/// <summary>
/// PostgreSQL stops while people read: the API says 503 with Retry-After within two seconds (no 500s, no hanging),
/// the site shows its "temporarily unavailable" page, and both recover by themselves when the database returns.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    PrivateCluster _cluster = null!;
    ApiHost _api = null!;
    WebHost _web = null!;
    readonly string _mail = Directory.CreateTempSubdirectory("shortscience-outage-mail-").FullName;

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.StartAsync();
        await _cluster.CreateDatabaseAsync("outage");
        await TestDatabase.MigrateAsync(_cluster.ConnectionString("outage"));
        _api = new ApiHost(_cluster.ConnectionString("outage"), _mail, []);
        _api.StartServer();
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
        _web = new WebHost(_api.Address);
        _web.StartServer();
    }

    [Fact]
    public async Task ADatabaseOutageIsA503WithinTwoSecondsAndHealsByItself()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // A new query string each time: what readers fetched before the outage may still be answered from the caches
        // (that is a feature); these requests must reach the database.
        var n = 0;
        Uri Paper() => new(_api.Address, $"/api/v1/papers/1706.03762?outage={++n}");
        var page = new Uri(_web.Address, "/papers/1706.03762?outage=page");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Paper())).StatusCode);

        await _cluster.StopAsync();
        var stopped = Stopwatch.StartNew();
        HttpResponseMessage outage;
        var slowest = TimeSpan.Zero;
        while (true)
        {
            var call = Stopwatch.StartNew();
            outage = await http.GetAsync(Paper());
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            Assert.NotEqual(HttpStatusCode.InternalServerError, outage.StatusCode);
            if (outage.StatusCode == HttpStatusCode.ServiceUnavailable || stopped.Elapsed > TimeSpan.FromSeconds(10)) break;
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(2), $"first 503 after {stopped.Elapsed.TotalSeconds:0.00} s");
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a request took {slowest.TotalSeconds:0.00} s");
        Assert.NotNull(outage.Headers.RetryAfter);
        Assert.Equal("application/problem+json", outage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri(_api.Address, "/health"))).StatusCode);

        var sitePage = await http.GetAsync(page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sitePage.StatusCode);
        Assert.Contains("temporarily unavailable", await sitePage.Content.ReadAsStringAsync());

        await _cluster.StartAgainAsync();
        var back = Stopwatch.StartNew();
        while ((await http.GetAsync(Paper())).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(20), "the API did not recover by itself");
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(_api.Address, "/health"))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_mail, recursive: true);
    }
}
