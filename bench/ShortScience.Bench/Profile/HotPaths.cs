using System.Globalization;
using System.Text.Json;

namespace ShortScience.Bench.Profile;

/// <summary>
/// Reads a dotnet-trace thread-time profile in speedscope form and keeps only the samples of threads running managed
/// code (the sampler marks them with a CPU_TIME leaf; waiting threads and native calls are left out), then prints
/// where that time goes: the methods running (self) and the frames they run under (inclusive).
/// </summary>
public static class HotPaths
{
    const string Running = "CPU_TIME";

    // Frames worth naming in the inclusive list: ours and the frameworks a request passes through.
    static readonly string[] Named =
    [
        "ShortScience.", "Microsoft.AspNetCore.", "Microsoft.EntityFrameworkCore", "Npgsql", "System.Text.Json", "System.Net.Http",
        "System.IO.Compression", "Serilog", "Markdig", "Ganss",
    ];

    public static int Run(string path, int top)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var self = new Dictionary<int, double>();
        var inclusive = new Dictionary<int, double>();
        double running = 0, all = 0;
        foreach (var profile in root.GetProperty("profiles").EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented") continue;
            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } from && stack.Count > 0 && at > from)
                {
                    var weight = at - from;
                    all += weight;
                    if (frames[stack[^1]] == Running && stack.Count > 1)
                    {
                        running += weight;
                        Add(self, stack[^2], weight);
                        foreach (var frame in stack.Distinct()) Add(inclusive, frame, weight);
                    }
                }
                last = at;
                if (e.GetProperty("type").GetString() == "O") stack.Add(e.GetProperty("frame").GetInt32());
                else if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
            }
        }
        if (running == 0)
        {
            Console.Error.WriteLine($"{path}: no samples of running managed code");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}: threads ran managed code in {100 * running / all:0.0}% of sampled thread time; shares below are of that"));
        Console.WriteLine("  self (the method running):");
        foreach (var (frame, weight) in self.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {100 * weight / running,5:0.0}%  {Short(frames[frame])}"));
        }
        Console.WriteLine("  inclusive (running under this frame):");
        foreach (var (frame, weight) in inclusive
            .Where(p => Named.Any(n => frames[p.Key].Contains(n, StringComparison.Ordinal)) && !frames[p.Key].Contains("AsyncStateMachineBox", StringComparison.Ordinal))
            .OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {100 * weight / running,5:0.0}%  {Short(frames[frame])}"));
        }
        return 0;
    }

    static void Add(Dictionary<int, double> totals, int frame, double weight) =>
        totals[frame] = totals.GetValueOrDefault(frame) + weight;

    /// <summary>"Assembly!Namespace.Type+&lt;Method&gt;d__5.MoveNext(args)" → "Type.Method" (enough to find it).</summary>
    static string Short(string name)
    {
        var bang = name.IndexOf('!');
        if (bang >= 0) name = name[(bang + 1)..];
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        name = System.Text.RegularExpressions.Regex.Replace(name, @"\+<(\w+)>d__\d+(`\d+)?(\[[^\]]*\])?\.MoveNext$", ".$1");
        var parts = name.Split('.');
        return parts.Length <= 2 ? name : string.Join('.', parts[^2..]);
    }
}
