using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Caching;

/// <summary>Two API replicas on one database and one real Redis (ConnectionStrings:Redis), as several replicas run.</summary>
public sealed class TwoReplicasOnRedis : IAsyncLifetime
{
    public ApiFactory App { get; } = new();
    public PrivateRedis Redis { get; private set; } = null!;

    /// <summary>The first replica is <see cref="App"/> itself; this is the second (its own host, cache client and memory).</summary>
    public WebApplicationFactory<Program> Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await PrivateRedis.StartAsync();
        App.Settings["Caching:Reads"] = "true";
        App.Settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
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

public sealed class SharedCacheTests(TwoReplicasOnRedis replicas) : IClassFixture<TwoReplicasOnRedis>
{
    [Fact]
    public async Task ReplicasShareCachedReads_AndAWriteOnOneEvictsItsReadsAndWebPagesForAll()
    {
        await replicas.App.WithDbAsync(db => TestData.PaperAsync(db, "redis-paper", "Before"));
        var first = replicas.App.CreateClient();
        var second = replicas.Second.CreateClient();
        Assert.Equal("Before", (await first.GetFromJsonAsync<PaperDetail>("/api/v1/papers/redis-paper"))!.Title);

        // Changed behind both replicas' backs: the second answers from the entry the first stored in Redis.
        await replicas.App.WithDbAsync(db => db.Papers.Where(p => p.Key == "redis-paper").ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "After")));
        Assert.Equal("Before", (await second.GetFromJsonAsync<PaperDetail>("/api/v1/papers/redis-paper"))!.Title);

        // A page the Web hosts cached in the same store, under their tag.
        var store = replicas.Second.Services.GetRequiredService<IOutputCacheStore>();
        Assert.Equal("RedisOutputCacheStoreImpl", store.GetType().Name);
        await store.SetAsync("web-page-redis-paper", "<html>cached page</html>"u8.ToArray(), [CacheTags.Pages, CacheTags.Paper("redis-paper")], TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.SetAsync("web-page-other-paper", "<html>other page</html>"u8.ToArray(), [CacheTags.Pages, CacheTags.Paper("other-paper")], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(await store.GetAsync("web-page-redis-paper", CancellationToken.None));

        // A summary published through the first replica: the second replica's next read is fresh, the page is gone.
        var member = await replicas.App.MemberAsync("redis-writer");
        (await member.PutAsJsonAsync("/api/v1/papers/redis-paper/summaries/mine", new PublishRequest("Shared text.", null, false, null))).EnsureSuccessStatusCode();

        var fresh = (await second.GetFromJsonAsync<PaperDetail>("/api/v1/papers/redis-paper"))!;
        Assert.Equal(("After", 1), (fresh.Title, fresh.Summaries.Count));
        Assert.Null(await store.GetAsync("web-page-redis-paper", CancellationToken.None));
        // Precise: another paper's page is not what the write changed.
        Assert.NotNull(await store.GetAsync("web-page-other-paper", CancellationToken.None));
    }
}
