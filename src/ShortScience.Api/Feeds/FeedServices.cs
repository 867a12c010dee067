using ShortScience.Api.Caching;
using ShortScience.Api.Follows;

namespace ShortScience.Api.Feeds;

public static class FeedServices
{
    public static void AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedLinks>();
        builder.Services.AddSingleton<FeedWriter>();
        builder.Services.AddSingleton<FeedContent>();
        builder.Services.AddScoped<FeedSources>();
        builder.Services.AddScoped<CacheEviction>();
        builder.Services.AddOutputCache(options =>
        {
            // Writes evict what they change, so entries may live long; readers are told five minutes (FeedResult).
            // Only the query keys that change a feed are part of the key, so junk parameters cannot flood the cache.
            options.AddPolicy(CacheEviction.FeedsPolicy, policy => policy
                .Expire(TimeSpan.FromMinutes(30)).SetVaryByQuery("q", "limit").Tag(CacheEviction.Everything));
        });
    }
}
