using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Hosting;
using Microsoft.Extensions.Options;
using ShortScience.Web.Extensions;
using StackExchange.Redis;

namespace ShortScience.Web.Tests.Durability;

/// <summary>
/// Web replicas behind a balancer: their cookie keys live in Redis (not on a disk of their own), so a sign-in made by
/// one replica is valid on another and on a replica started afresh; each answers the balancer's health questions.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    PrivateRedis _redis = null!;
    readonly List<WebApplicationFactory<Program>> _replicas = [];

    public async Task InitializeAsync() => _redis = await PrivateRedis.StartAsync();

    WebApplicationFactory<Program> Replica()
    {
        var replica = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Redis", _redis.ConnectionString);
            builder.UseSetting("Api:BaseUrl", "http://127.0.0.1:9/"); // no API: nothing listens on the discard port
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        _replicas.Add(replica);
        return replica;
    }

    static ISecureDataFormat<AuthenticationTicket> CookieFormat(WebApplicationFactory<Program> replica) =>
        replica.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;

    [Fact]
    public async Task ASignInMadeByOneReplicaHoldsOnAnotherAndAfterARestart()
    {
        var first = Replica();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "reader")], CookieAuthenticationDefaults.AuthenticationScheme);
        var cookie = CookieFormat(first).Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), CookieAuthenticationDefaults.AuthenticationScheme));

        // The keys are in Redis, where every replica finds them.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyExistsAsync(WebServiceExtensions.RedisKeysName));
        }
        Assert.Equal("reader", CookieFormat(Replica()).Unprotect(cookie)?.Principal.Identity?.Name);

        // The first replica goes away; one started afresh still reads the cookie.
        await first.DisposeAsync();
        _replicas.Remove(first);
        Assert.Equal("reader", CookieFormat(Replica()).Unprotect(cookie)?.Principal.Identity?.Name);
    }

    [Fact]
    public void OnASharedRedisStoreTheApiEvictsPagesAndNoReplicaEmptiesItOnItsOwn()
    {
        // Behind a balancer the API's change events come from replicas of different generations, each read as a restart
        // that would empty the shared store: with Redis the API evicts the pages itself and the Web asks nothing.
        var replica = Replica();
        Assert.Equal("RedisOutputCacheStoreImpl", replica.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().GetType().Name);
        Assert.DoesNotContain(replica.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is ShortScience.Web.Services.PageCacheInvalidator);
    }

    [Fact]
    public async Task LiveWhileRunningReadyOnlyWithTheApiAndNotWhileDraining()
    {
        var replica = Replica();
        var client = replica.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode); // no API behind it
        Assert.Contains("\"api\"", await ready.Content.ReadAsStringAsync());

        await replica.Services.GetRequiredService<Draining>().StoppingAsync(CancellationToken.None); // the host's first stopping step
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Contains("shutting down", await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
