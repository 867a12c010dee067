using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Hosting;

namespace ShortScience.Api.Tests.Hosting;

/// <summary>What a balancer asks the API: is the process alive, should it get traffic.</summary>
public sealed class HealthEndpointTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ReadyWithItsDatabaseAndNotReadyOnceItIsShuttingDown()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\"", await ready.Content.ReadAsStringAsync());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());

        // SIGTERM: the host's first stopping step tells the balancer to look elsewhere while requests still get answers.
        // (Stopping the test host itself would dispose it; its first step is called as the host calls it.)
        await app.Services.GetRequiredService<Draining>().StoppingAsync(CancellationToken.None);
        var draining = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        Assert.Contains("shutting down", await draining.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/papers")).StatusCode);
    }
}
