using System.Diagnostics;

namespace ShortScience.Bench;

/// <summary>A progress line per phase every few seconds: done/total, rate, elapsed since the start.</summary>
public sealed class Progress(string phase, long total)
{
    static readonly Stopwatch Clock = Stopwatch.StartNew();
    readonly Stopwatch _phase = Stopwatch.StartNew();
    long _done;
    long _lastReport;

    public static string Elapsed => Clock.Elapsed.ToString(@"mm\:ss");

    public static void Log(string message) => Console.Error.WriteLine($"[{Elapsed}] {message}");

    public void Add(long n = 1)
    {
        var done = Interlocked.Add(ref _done, n);
        var now = _phase.ElapsedMilliseconds;
        var last = Interlocked.Read(ref _lastReport);
        if (now - last < 3000 || Interlocked.CompareExchange(ref _lastReport, now, last) != last) return;
        var width = 30;
        var filled = total == 0 ? width : (int)(width * Math.Min(1.0, (double)done / total));
        Log($"{phase,-18} [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} ({done / Math.Max(0.001, now / 1000.0):N0}/s)");
    }

    public void Done() => Log($"{phase,-18} done: {_done:N0} in {_phase.Elapsed.TotalSeconds:N1} s");
}
