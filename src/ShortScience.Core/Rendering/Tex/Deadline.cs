using System.Diagnostics;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// The time one render may still take. Starting an engine or loading MathJax into one is the server's cost,
/// not the text's, so it is excluded.
/// </summary>
public sealed class Deadline(TimeSpan limit)
{
    readonly long _start = Stopwatch.GetTimestamp();
    TimeSpan _excluded;

    public TimeSpan Remaining => limit + _excluded - Stopwatch.GetElapsedTime(_start);

    public T Excluding<T>(Func<T> warmUp)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return warmUp();
        }
        finally
        {
            _excluded += Stopwatch.GetElapsedTime(start);
        }
    }

    /// <summary>Time excluded so far (another process reports its own warm-up through <see cref="Exclude"/>).</summary>
    public TimeSpan Excluded => _excluded;

    public void Exclude(TimeSpan warmUp) => _excluded += warmUp;

    public void ThrowIfExpired()
    {
        if (Remaining <= TimeSpan.Zero) throw TooSlow();
    }

    public RenderRefusedException TooSlow(Exception? inner = null) => new(RefusalReason.TooSlow,
        $"The text took longer than {limit.TotalSeconds:0.#} s to render. Split it, or simplify its formulas.", inner);
}
