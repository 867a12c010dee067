using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ShortScience.Contracts;

namespace ShortScience.Bench.Soak;

/// <summary>
/// Mixed traffic for a while against a running site: signed-out readers (pages, search, feeds with their ETag),
/// members publishing and editing summaries, commenting and voting. Every 30 s it prints the request and error
/// counts and the resident memory of the API and Web processes; at the end, whether memory stayed flat.
/// </summary>
public static partial class Soak
{
    const string Password = "soak test passphrase 2026";

    public static async Task<int> RunAsync(Options options)
    {
        var web = new Uri(options.Text("web"));
        var api = new Uri(options.Text("api"));
        var mail = options.Text("mail");
        var duration = TimeSpan.FromMinutes(options.Number("minutes", 10));
        var pids = (options.Text("pids")).Split(',').Select(int.Parse).ToArray(); // API, Web
        using var anonymous = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };

        var papers = (await anonymous.GetFromJsonAsync<Page<PaperListItem>>("/api/v1/papers?limit=100"))!.Items.Select(p => p.Key).ToList();
        var writers = new List<HttpClient>();
        for (var i = 0; i < 6; i++) writers.Add(await MemberAsync(api, mail, $"soak{i}"));
        Console.Error.WriteLine($"{papers.Count} papers, {writers.Count} members; running {duration.TotalMinutes:0} minutes");

        long requests = 0, errors = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(duration);
        var written = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        async Task Call(Func<Task<HttpResponseMessage>> send, string what, bool write = false)
        {
            try
            {
                using var response = await send();
                await response.Content.LoadIntoBufferAsync();
                Interlocked.Increment(ref requests);
                if (write && response.IsSuccessStatusCode) written.AddOrUpdate(what, 1, (_, n) => n + 1);
                // A member writes only to their own summaries from the revision they last saw: any refusal is a fault.
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                    || (write && !response.IsSuccessStatusCode))
                {
                    Interlocked.Increment(ref errors);
                    failures.Add($"{what}: {(int)response.StatusCode}");
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref errors);
                failures.Add($"{what}: {ex.GetType().Name} {ex.Message}");
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
        }

        var readers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var random = new Random(n);
            using var http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };
            string? etag = null;
            while (!stop.IsCancellationRequested)
            {
                var pick = random.Next(10);
                var path = pick switch
                {
                    < 5 => $"/papers/{papers[random.Next(papers.Count)]}",
                    5 => "/",
                    6 => "/venues",
                    7 => $"/search?q={(random.Next(2) == 0 ? "attention" : "neural network")}",
                    _ => "/feeds/summaries.rss",
                };
                await Call(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path);
                    if (pick >= 8 && etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                    var response = await http.SendAsync(request, stop.Token);
                    if (pick >= 8 && response.Headers.ETag is { } tag) etag = tag.ToString();
                    return response;
                }, path);
            }
        })).ToList();

        var writing = writers.Select((client, n) => Task.Run(async () =>
        {
            var random = new Random(100 + n);
            var revisions = new Dictionary<string, (long Id, int Revision)>();
            var comments = new Queue<long>();
            while (!stop.IsCancellationRequested)
            {
                var key = papers[random.Next(papers.Count)];
                var action = random.Next(4);
                if (action == 0 || revisions.Count == 0)
                {
                    var base_ = revisions.TryGetValue(key, out var known) ? known.Revision : (int?)null;
                    var text = $"Soak summary of {key}, revision {(base_ ?? 0) + 1}: the loss is $\\mathcal{{L}} = -\\sum_i y_i \\log p_i$ and **more** text.";
                    await Call(async () =>
                    {
                        // Read the answer here: Call disposes the response once it is counted.
                        var response = await client.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(text, base_, false, null), stop.Token);
                        if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PublishedRevision>(stop.Token) is { } published)
                        {
                            revisions[key] = (published.SummaryId, published.Revision);
                        }
                        return response;
                    }, "publish", write: true);
                }
                else
                {
                    var (id, _) = revisions.Values.ElementAt(random.Next(revisions.Count));
                    if (action == 1)
                    {
                        await Call(async () =>
                        {
                            var response = await client.PostAsJsonAsync($"/api/v1/summaries/{id}/comments", new CommentRequest($"Soak comment {random.Next()} with $x^2$."), stop.Token);
                            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<CommentLocation>(stop.Token) is { } posted) comments.Enqueue(posted.Id);
                            return response;
                        }, "comment", write: true);
                        // Each member keeps their newest few comments: pages stay the size real pages are, so memory
                        // measures the hosts, not pages growing by hundreds of comments in ten minutes.
                        if (comments.Count > 5) await Call(() => client.DeleteAsync($"/api/v1/comments/{comments.Dequeue()}", stop.Token), "delete comment", write: true);
                    }
                    else await Call(() => writers[(n + 1) % writers.Count].PutAsJsonAsync($"/api/v1/votes/summaries/{id}", new VoteRequest(random.Next(2) == 0 ? 1 : -1), stop.Token), "vote", write: true);
                }
                await Task.Delay(random.Next(50, 250), CancellationToken.None);
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var samples = new List<(double Minutes, long Api, long Web)>();
        Console.WriteLine("| elapsed | requests | errors | requests/s | API RSS MB | Web RSS MB |");
        Console.WriteLine("| --: | --: | --: | --: | --: | --: |");
        long last = 0;
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(30), stop.Token); } catch (OperationCanceledException) { }
            var now = Interlocked.Read(ref requests);
            var (apiMb, webMb) = (Rss(pids[0]), Rss(pids[1]));
            samples.Add((clock.Elapsed.TotalMinutes, apiMb, webMb));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clock.Elapsed:mm\\:ss} | {now:N0} | {Interlocked.Read(ref errors)} | {(now - last) / 30.0:N0} | {apiMb} | {webMb} |"));
            last = now;
        }
        await Task.WhenAll(readers.Concat(writing));

        // Flat memory: the last third of the run holds no more than 10% above the second third.
        var middle = samples.Where(s => s.Minutes > duration.TotalMinutes / 3 && s.Minutes <= 2 * duration.TotalMinutes / 3).ToList();
        var end = samples.Where(s => s.Minutes > 2 * duration.TotalMinutes / 3).ToList();
        bool Flat(Func<(double, long Api, long Web), long> of) => middle.Count == 0 || end.Count == 0 || end.Max(of) <= middle.Max(of) * 1.1;
        var flat = Flat(s => s.Api) && Flat(s => s.Web);
        Console.WriteLine();
        Console.WriteLine($"{requests:N0} requests, {errors} errors; memory {(flat ? "flat" : "GROWING")} (peak RSS API {samples.Max(s => s.Api)} MB, Web {samples.Max(s => s.Web)} MB)");
        Console.WriteLine($"written: {written.GetValueOrDefault("publish"):N0} publishes, {written.GetValueOrDefault("comment"):N0} comments "
            + $"({written.GetValueOrDefault("delete comment"):N0} deleted again), {written.GetValueOrDefault("vote"):N0} votes");
        foreach (var failure in failures.Take(20)) Console.WriteLine("  " + failure);
        return errors == 0 && flat && written.GetValueOrDefault("publish") > 0 ? 0 : 1;
    }

    static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        return 0;
    }

    internal static async Task<HttpClient> MemberAsync(Uri api, string mail, string name)
    {
        using var http = new HttpClient { BaseAddress = api };
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest($"{name}{Random.Shared.Next(100000)}", email, Password, name))).EnsureSuccessStatusCode();
        string? link = null;
        for (var i = 0; i < 100 && link is null; i++)
        {
            foreach (var file in Directory.GetFiles(mail, "*.eml"))
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && Link().Match(text) is { Success: true } m) link = m.Value;
            }
            if (link is null) await Task.Delay(50);
        }
        var query = new Uri(link ?? throw new InvalidOperationException($"no confirmation mail for {email}")).Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        (await http.PostAsJsonAsync("/api/v1/auth/confirm-email", new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"]))).EnsureSuccessStatusCode();
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, Password))).Content.ReadFromJsonAsync<TokenResponse>();
        var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    [GeneratedRegex(@"https?://\S+userId=\S+")]
    private static partial Regex Link();
}
