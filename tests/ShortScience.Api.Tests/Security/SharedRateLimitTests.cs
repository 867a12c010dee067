using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ShortScience.Contracts;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Security;

/// <summary>Two API replicas on one database and one Redis, with a low limit on reports (3 an hour).</summary>
public sealed class TwoReplicasWithLowLimits : IAsyncLifetime
{
    public ApiFactory App { get; } = new();
    public PrivateRedis Redis { get; private set; } = null!;
    public WebApplicationFactory<Program> Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await PrivateRedis.StartAsync();
        App.Settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
        App.Settings["RateLimits:flagging:PermitLimit"] = "3";
        await App.InitializeAsync();
        Second = App.WithWebHostBuilder(_ => { });
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await ((IAsyncLifetime)App).DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// Behind a balancer a person's requests land on any replica: the rate limits count them together (in Redis), not
/// once per replica; and while Redis is away each replica counts on its own instead of failing the request.
/// </summary>
public sealed class SharedRateLimitTests(TwoReplicasWithLowLimits replicas) : IClassFixture<TwoReplicasWithLowLimits>
{
    [Fact]
    public async Task ALimitCountsRequestsToEveryReplicaTogether_AndARedisOutageFallsBackToEachReplicasOwnCount()
    {
        var token = (await replicas.App.MemberAsync("rate-shared")).DefaultRequestHeaders.Authorization!;
        var first = replicas.App.CreateClient();
        var second = replicas.Second.CreateClient();
        first.DefaultRequestHeaders.Authorization = second.DefaultRequestHeaders.Authorization = token;
        HttpClient[] both = [first, second];

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await both[i % 2].PostAsJsonAsync("/api/v1/flags", new FlagRequest("paper", $"no-such-paper-{i}", "Spam"))).StatusCode);
        }
        // Three reports pass the limit (and find no such paper); the fourth, on the replica that has seen only one, is refused.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);

        await replicas.Redis.DisposeAsync();
        var during = await first.PostAsJsonAsync("/api/v1/flags", new FlagRequest("paper", "no-such-paper-x", "Spam"));
        // The first replica has counted two of its own: one more passes, then its own count refuses.
        Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostAsJsonAsync("/api/v1/flags", new FlagRequest("paper", "no-such-paper-y", "Spam"))).StatusCode);
    }
}
