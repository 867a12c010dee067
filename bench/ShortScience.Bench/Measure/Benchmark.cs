using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using ShortScience.Core.Contracts;

namespace ShortScience.Bench.Measure;

/// <summary>
/// Times the API on the generated data, one request at a time over loopback (so the figures are server time plus a
/// fraction of a millisecond): searches by word frequency, venue-year, author and other browsing pages.
/// Prints a Markdown table with p50/p95/max per kind of request.
/// </summary>
public static class Benchmark
{
    public static async Task RunAsync(Options options)
    {
        await using var db = new NpgsqlDataSourceBuilder(options.Text("connection")).Build();
        using var http = new HttpClient { BaseAddress = new Uri(options.Text("api")), Timeout = TimeSpan.FromSeconds(60) };
        var rounds = options.Number("rounds", 200);
        var random = new Random(7);
        var workload = await Workload.BuildAsync(db, random);
        Console.Error.WriteLine($"Workload: {workload.Sum(w => w.Urls.Count)} distinct requests in {workload.Count} groups; {rounds} timed requests per group");

        var results = new List<(string Name, string Example, double[] Times)>();
        foreach (var (name, urls) in workload)
        {
            // One untimed pass: the first request of a kind pays for connection pools and plan caches.
            foreach (var url in urls.Take(20)) await GetAsync(http, url);
            var times = new double[rounds];
            for (var i = 0; i < rounds; i++) times[i] = await GetAsync(http, urls[random.Next(urls.Count)]);
            Array.Sort(times);
            results.Add((name, urls[0], times));
            Console.Error.WriteLine($"  {name}: p95 {Percentile(times, 0.95):N1} ms");
        }

        Console.WriteLine("| Request | Example | p50 ms | p95 ms | max ms |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var (name, example, times) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | `{example}` | {Percentile(times, 0.5):N1} | {Percentile(times, 0.95):N1} | {times[^1]:N1} |"));
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
