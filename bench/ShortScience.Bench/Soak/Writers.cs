using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Bench.Soak;

/// <summary>
/// Writers at a fixed rate, for the mixed load benchmark (bench/load.sh mixed): members publish and edit summaries,
/// comment and vote on papers from a list, one write every 1/rate seconds whatever the site's speed, until the
/// time is up. Prints how many writes succeeded and failed and the rate reached.
/// </summary>
public static class Writers
{
    public static async Task<int> RunAsync(Options options)
    {
        var api = new Uri(options.Text("api"));
        var mail = options.Text("mail");
        var rate = options.Number("rate", 5);
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 20));
        var papers = (await File.ReadAllLinesAsync(options.Text("papers"))).Where(l => l.Length > 0).ToList();
        var members = new List<HttpClient>();
        for (var i = 0; i < 4; i++) members.Add(await Soak.MemberAsync(api, mail, $"writer{i}"));
        // Ready: load.sh starts its readers' measurement when this line appears.
        Console.WriteLine("writers ready");

        long ok = 0, failed = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var summaries = new System.Collections.Concurrent.ConcurrentBag<(long Id, int Member)>();
        var revisions = new System.Collections.Concurrent.ConcurrentDictionary<(int Member, string Key), int>();
        var random = new Random(7);
        var running = new List<Task>();
        // One write in flight per member, as a person writes: two first publishes by one member on one paper at once
        // are a race the benchmark should not provoke.
        var gates = members.Select(_ => new SemaphoreSlim(1)).ToArray();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        var n = 0;
        while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            var member = n % members.Count;
            var key = papers[random.Next(papers.Count)];
            var action = n++ % 3;
            var (target, author) = summaries.IsEmpty ? (0L, 0) : summaries.ElementAt(random.Next(summaries.Count));
            // Nobody votes on their own summary.
            var actor = action == 2 && target != 0 ? (author + 1) % members.Count : member;
            running.Add(Task.Run(async () =>
            {
                await gates[actor].WaitAsync();
                try
                {
                    using var response = action switch
                    {
                        1 when target != 0 => await members[member].PostAsJsonAsync($"/api/v1/summaries/{target}/comments",
                            new CommentRequest("A comment from the mixed benchmark, with $x^2$.")),
                        2 when target != 0 => await members[actor].PutAsJsonAsync($"/api/v1/votes/summaries/{target}", new VoteRequest(1)),
                        _ => await PublishAsync(members[member], member, key),
                    };
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                    else
                    {
                        Interlocked.Increment(ref failed);
                        failures.Enqueue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failed);
                    failures.Enqueue($"{ex.GetType().Name}: {ex.Message}");
                }
                finally
                {
                    gates[actor].Release();
                }
            }));
        }
        await Task.WhenAll(running);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"writes: {ok} ok, {failed} failed, {(ok + failed) / clock.Elapsed.TotalSeconds:0.0}/s"));
        foreach (var failure in failures.Take(10)) Console.WriteLine("  " + failure);
        return failed == 0 ? 0 : 1;

        async Task<HttpResponseMessage> PublishAsync(HttpClient client, int member, string key)
        {
            var known = revisions.TryGetValue((member, key), out var revision) ? revision : (int?)null;
            var response = await client.PutAsJsonAsync($"/api/v1/papers/{Uri.EscapeDataString(key)}/summaries/mine",
                new PublishRequest($"Mixed benchmark summary of {key}, revision {(known ?? 0) + 1}: $\\mathcal{{L}} = -\\sum_i y_i \\log p_i$.", known, false, null));
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PublishedRevision>() is { } published)
            {
                revisions[(member, key)] = published.Revision;
                summaries.Add((published.SummaryId, member));
            }
            return response;
        }
    }
}
