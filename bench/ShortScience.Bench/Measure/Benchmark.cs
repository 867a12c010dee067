using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using ShortScience.Contracts;

namespace ShortScience.Bench.Measure;

/// <summary>
/// Times the API on the generated data, one request at a time over loopback (so the figures are server time plus a
/// fraction of a millisecond): searches by word frequency, venue-year, author and other browsing pages.
/// Prints a Markdown table with p50/p95/max per kind of request once every request of the kind has been made once,
/// and the p95 of those first visits.
/// </summary>
public static class Benchmark
{
    public static async Task RunAsync(Options options)
    {
        await using var db = new NpgsqlDataSourceBuilder(options.Text("connection")).Build();
        using var http = new HttpClient { BaseAddress = new Uri(options.Text("api")), Timeout = TimeSpan.FromSeconds(60) };
        var rounds = options.Number("rounds", 200);
        var random = new Random(7);
        // --only: the kinds of request whose name contains this text (to look into one after a change).
        var only = options.Text("only", "");
        var workload = (await Workload.BuildAsync(db, random)).Where(w => w.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        Console.Error.WriteLine($"Workload: {workload.Sum(w => w.Urls.Count)} distinct requests in {workload.Count} groups; {rounds} timed requests per group");

        var results = new List<(string Name, string Example, double[] Times, double[] First)>();
        foreach (var (name, urls) in workload)
        {
            // Every distinct request once, untimed for the table: the first visit pays for connection pools, plan
            // caches and pages not yet in PostgreSQL's shared buffers. Its p95 is shown apart ("first visit").
            var first = new double[urls.Count];
            for (var i = 0; i < urls.Count; i++) first[i] = await GetAsync(http, urls[i]);
            Array.Sort(first);
            var times = new double[rounds];
            var asked = new string[rounds];
            for (var i = 0; i < rounds; i++) times[i] = await GetAsync(http, asked[i] = urls[random.Next(urls.Count)]);
            Array.Sort(times, asked);
            results.Add((name, urls[0], times, first));
            // The slowest requests of the kind, so a p95 can be traced to the queries behind it.
            var slowest = string.Join(", ", Enumerable.Range(1, Math.Min(3, rounds)).Select(k => $"{asked[^k]} {times[^k]:N0} ms"));
            Console.Error.WriteLine($"  {name}: p95 {Percentile(times, 0.95):N1} ms; slowest {slowest}");
        }

        Console.WriteLine("| Request | Example | p50 ms | p95 ms | max ms | first visit p95 ms |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, example, times, first) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | `{example}` | {Percentile(times, 0.5):N1} | {Percentile(times, 0.95):N1} | {times[^1]:N1} | {Percentile(first, 0.95):N1} |"));
        }
    }

    static async Task<double> GetAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        await response.Content.LoadIntoBufferAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return elapsed;
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
