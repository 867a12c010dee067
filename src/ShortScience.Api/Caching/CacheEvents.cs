namespace ShortScience.Api.Caching;

/// <summary>
/// A change counter the Web hosts long-poll (<c>GET /internal/cache-events</c>) to drop cached pages the moment
/// content changes. The generation is new at every start, so a Web host also notices a restarted API.
/// </summary>
public sealed class CacheEvents
{
    readonly object _gate = new();
    TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _sequence;

    public string Generation { get; } = Guid.NewGuid().ToString("N");

    public long Sequence => Interlocked.Read(ref _sequence);

    public void Changed()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _sequence++;
            done = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
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

public sealed record CacheEventsResponse(string Generation, long Sequence);

public static class CacheEventsApi
{
    /// <summary>
    /// Internal: the Web host's YARP forwards only /api, /feeds and /openapi, so this is reachable on the API's own
    /// port, which is not published (docker-compose). It reveals nothing but a counter.
    /// </summary>
    public static void MapCacheEvents(this IEndpointRouteBuilder app) =>
        app.MapGet("/internal/cache-events", async (string? generation, long? after, CacheEvents events, CancellationToken ct) =>
        {
            // A caller on an older generation (the API restarted) or without a position learns the current one at once.
            var sequence = generation == events.Generation && after is { } position
                ? await events.WaitAsync(position, TimeSpan.FromSeconds(25), ct)
                : events.Sequence;
            return Results.Ok(new CacheEventsResponse(events.Generation, sequence));
        }).ExcludeFromDescription();
}
