using System.Collections.Concurrent;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// Up to <c>size</c> engines, created on first need and reused; a render waits for a free one. Engines
/// cost tens of megabytes each (see the README), so the pool stays small.
/// </summary>
sealed class MathEnginePool(int size) : IDisposable
{
    readonly SemaphoreSlim _slots = new(size, size);
    readonly ConcurrentBag<MathEngine> _idle = [];
    volatile bool _disposed;

    public int Size => size;

    /// <summary>Number of engines created so far (for tests and measurements).</summary>
    public int Created => _created;
    int _created;

    public MathEngine Rent(Deadline deadline)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var wait = deadline.Remaining;
        if (wait <= TimeSpan.Zero || !_slots.Wait(wait))
        {
            throw new RenderRefusedException(RefusalReason.Busy, "Every math engine is busy; try again in a moment.");
        }
        if (_idle.TryTake(out var engine)) return engine;
        try
        {
            engine = deadline.Excluding(() => new MathEngine());
            Interlocked.Increment(ref _created);
            return engine;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(MathEngine engine)
    {
        if (engine.Healthy && !_disposed) _idle.Add(engine);
        else engine.Dispose();
        _slots.Release();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine)) engine.Dispose();
    }
}
