namespace ShortScience.Api.Caching;

/// <summary>
/// The changes the Web hosts long-poll (<c>GET /internal/cache-events</c>) to evict their cached pages and edge feeds
/// the moment content changes: a counter, and the tags each recent change evicted. The generation is new at every
/// start, so a Web host also notices a restarted API; one that fell behind the kept history drops everything.
/// </summary>
public sealed class CacheEvents
{
    /// <summary>How many recent changes are kept for a Web host that asks what happened since its last position.</summary>
    public const int History = 1024;

    readonly object _gate = new();
    readonly Queue<(long Sequence, string[]? Tags)> _recent = new();
    TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _sequence;

    public string Generation { get; } = Guid.NewGuid().ToString("N");

    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>A change that evicted <paramref name="tags"/>; null: everything.</summary>
    public void Changed(IReadOnlyCollection<string>? tags = null)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _sequence++;
            _recent.Enqueue((_sequence, tags?.ToArray()));
            while (_recent.Count > History) _recent.Dequeue();
            done = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    /// <summary>The tags evicted after <paramref name="after"/> up to <paramref name="upTo"/>; null when that needs everything gone.</summary>
    public string[]? TagsBetween(long after, long upTo)
    {
        lock (_gate)
        {
            if (upTo <= after) return [];
            // The oldest kept change must directly follow the caller's position, or something was missed.
            if (_recent.Count == 0 || _recent.Peek().Sequence > after + 1) return null;
            var tags = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (sequence, evicted) in _recent)
            {
                if (sequence <= after || sequence > upTo) continue;
                if (evicted is null) return null;
                tags.UnionWith(evicted);
            }
            return [.. tags];
        }
    }

    /// <summary>Returns once the sequence has moved past <paramref name="after"/>, or after <paramref name="timeout"/>.</summary>
    public async Task<long> WaitAsync(long after, TimeSpan timeout, CancellationToken ct)
    {
        Task next;
        lock (_gate)
        {
            if (_sequence != after) return _sequence;
            next = _next.Task;
        }
        try
        {
            await next.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
        return Sequence;
    }
}

/// <summary>
/// Where the API's change counter stands; <paramref name="Tags"/>: what changed since the caller's position (empty:
/// nothing), or null when the caller must drop everything (first contact, a restart, a change too wide to trace).
/// </summary>
public sealed record CacheEventsResponse(string Generation, long Sequence, string[]? Tags);

public static class CacheEventsApi
{
    /// <summary>
    /// Internal: the Web host's YARP forwards only /api, /feeds and /openapi, so this is reachable on the API's own
    /// port, which is not published (docker-compose). It reveals nothing but a counter and the names of public content.
    /// </summary>
    public static void MapCacheEvents(this IEndpointRouteBuilder app) =>
        app.MapGet("/internal/cache-events", async (string? generation, long? after, CacheEvents events, CancellationToken ct) =>
        {
            // A caller on an older generation (the API restarted) or without a position learns the current one at once.
            if (generation != events.Generation || after is not { } position)
            {
                return Results.Ok(new CacheEventsResponse(events.Generation, events.Sequence, null));
            }
            var sequence = await events.WaitAsync(position, TimeSpan.FromSeconds(25), ct);
            return Results.Ok(new CacheEventsResponse(events.Generation, sequence, events.TagsBetween(position, sequence)));
        }).ExcludeFromDescription();
}
