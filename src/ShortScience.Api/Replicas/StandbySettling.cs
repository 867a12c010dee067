using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using ShortScience.Api.Caching;
using ShortScience.Contracts;

namespace ShortScience.Api.Replicas;

/// <summary>
/// Evicts once more what each write evicted, when every standby still read from has replayed it
/// (<see cref="StandbyOptions.SettledAfter"/>). A write evicts at once, but until the standbys replay it an anonymous
/// read there still gets the old content, and its answer fills again the caches the write had just emptied: the
/// API's reads and feeds and, through the shared store or <see cref="CacheEvents"/>, the Web hosts' pages and edge
/// feeds. Announced like the first, the second eviction reaches all of them.
/// </summary>
/// <remarks>
/// Chosen over keeping standby answers out of the caches: with the standbys in use nearly every anonymous read is one,
/// so nothing would be cached at all, and the Web host keeps pages built from API answers whatever those say.
/// </remarks>
public sealed class StandbySettling(CacheEvents events, IOutputCacheStore store, IOptions<StandbyOptions> options, TimeProvider clock,
    ILogger<StandbySettling> logger) : BackgroundService
{
    // What a change too wide to trace evicts (CacheEviction.EverythingChangedAsync).
    static readonly string[] Everything = [CacheTags.Feeds, CacheTags.Reads, CacheTags.Pages];

    readonly Channel<(DateTimeOffset Due, string[]? Tags)> _due = Channel.CreateUnbounded<(DateTimeOffset Due, string[]? Tags)>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    // The second evictions announced here, by what they evicted, so that they are not evicted a third time in turn.
    readonly List<string> _echoes = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(WatchAsync(stoppingToken), SettleAsync(stoppingToken));

    async Task WatchAsync(CancellationToken ct)
    {
        var delay = options.Value.SettledAfter;
        var position = events.Sequence;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var sequence = await events.WaitAsync(position, TimeSpan.FromMinutes(1), ct);
                for (var next = position + 1; next <= sequence; next++)
                {
                    var tags = events.TagsBetween(next - 1, next); // null: everything (or so many changes that this one is gone)
                    if (IsEcho(tags)) continue;
                    _due.Writer.TryWrite((clock.GetUtcNow() + delay, tags));
                }
                position = sequence;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _due.Writer.TryComplete();
        }
    }

    async Task SettleAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (due, tags) in _due.Reader.ReadAllAsync(ct))
            {
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
                lock (_echoes)
                {
                    _echoes.Add(Key(tags));
                    if (_echoes.Count > CacheEvents.History) _echoes.RemoveAt(0); // announcements the watcher never saw
                }
                try
                {
                    foreach (var tag in tags ?? Everything) await store.EvictByTagAsync(tag, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not evict cache tags {Tags} again once the standbys had the change", tags ?? Everything);
                }
                events.Changed(tags);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    bool IsEcho(string[]? tags)
    {
        var key = Key(tags);
        lock (_echoes) return _echoes.Remove(key);
    }

    static string Key(string[]? tags) => tags is null ? "*" : string.Join('\n', tags.Order(StringComparer.Ordinal));
}
