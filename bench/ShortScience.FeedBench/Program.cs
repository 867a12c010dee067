using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Feeds;
using ShortScience.Data;
using ShortScience.Testing;

namespace ShortScience.FeedBench;

// Feed timings on a realistic database, through the real API pipeline in-process (no network in the figures).
// Usage: SHORTSCIENCE_TEST_DB=<server connection string> dotnet run -c Release --project bench/ShortScience.FeedBench
static class FeedBenchmark
{
    static async Task Main()
    {
        var connection = await TestDatabase.CreateAsync("feedbench");
        await using var api = new BenchApi(connection);
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var scope = api.Services.CreateAsyncScope())
            {
                await BenchData.FillAsync(scope.ServiceProvider.GetRequiredService<ShortScienceDb>());
            }
            Console.WriteLine($"database filled in {clock.Elapsed.TotalSeconds:0} s");
            await PhasesAsync(api);
            var client = api.CreateClient();
            var store = api.Services.GetRequiredService<IOutputCacheStore>();

            foreach (var path in new[] { "/feeds/summaries.atom", "/feeds/summaries.rss", "/feeds/venues/venue3.atom", "/feeds/tags/topic7.rss" })
            {
                var bytes = (await client.GetByteArrayAsync(path)).Length;
                var uncached = await TimeAsync(300, async () => await client.GetAsync(path), before: () => store.EvictByTagAsync("feeds", default).AsTask());
                Report($"{path} uncached, 200 ({bytes / 1024} KB)", uncached);
            }

            var feed = "/feeds/summaries.atom";
            var etag = (await client.GetAsync(feed)).Headers.ETag!;
            Report($"{feed} 304 from the output cache", await TimeAsync(2000, () => Conditional(client, feed, etag)));

            // Signed in, the output cache steps aside: the endpoint builds the feed to compare validators.
            var token = await api.TokenAsync();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Report($"{feed} 304 built by the endpoint (no cache)", await TimeAsync(300, () => Conditional(client, feed, etag)));
        }
        finally
        {
            await TestDatabase.DropAsync(connection);
        }

        /// <summary>Where an uncached summaries feed spends its time: the query, the texts (cold and warm), the XML.</summary>
    static async Task PhasesAsync(BenchApi api)
    {
        var (query, cold, warm, write) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var writer = api.Services.GetRequiredService<FeedWriter>();
        var links = api.Services.GetRequiredService<FeedLinks>();
        var configuration = api.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        for (var i = 0; i < 130; i++)
        {
            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
            var clock = Stopwatch.StartNew();
            var document = (await scope.ServiceProvider.GetRequiredService<FeedSources>().SummariesAsync(50, default))!;
            var queried = clock.Elapsed.TotalMilliseconds;
            var fresh = new FeedContent(links, configuration, api.Services.GetRequiredService<ShortScience.Core.Rendering.IMarkdownRenderer>(),
                api.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FeedContent>>());
            clock.Restart();
            await fresh.FillAsync(db, [.. document.Entries], default);
            var coldTexts = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var filled = document with { Entries = await fresh.FillAsync(db, [.. document.Entries], default) };
            var warmTexts = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            writer.Write(filled, FeedFormat.Atom);
            if (i < 30) continue;
            query.Add(queried);
            cold.Add(coldTexts);
            warm.Add(warmTexts);
            write.Add(clock.Elapsed.TotalMilliseconds);
        }
        Report("phase: entry query (50 summaries with paper, authors, venue)", query);
        Report("phase: texts loaded and prepared (content cache cold)", cold);
        Report("phase: texts from the content cache", warm);
        Report("phase: FeedWriter.Write (Atom, 50 entries)", write);
    }

    static async Task<HttpResponseMessage> Conditional(HttpClient client, string path, EntityTagHeaderValue etag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            var response = await client.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.NotModified) throw new InvalidOperationException($"expected 304, got {response.StatusCode}");
            return response;
        }

        static async Task<List<double>> TimeAsync(int count, Func<Task<HttpResponseMessage>> request, Func<Task>? before = null)
        {
            var times = new List<double>(count);
            for (var i = 0; i < count + 30; i++)
            {
                if (before is not null) await before();
                var clock = Stopwatch.StartNew();
                using var response = await request();
                await response.Content.ReadAsByteArrayAsync();
                clock.Stop();
                if (i >= 30) times.Add(clock.Elapsed.TotalMilliseconds); // the first 30 warm up
            }
            return times;
        }

        static void Report(string what, List<double> times)
        {
            times.Sort();
            double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            Console.WriteLine($"{what}: p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, p99 {At(0.99):0.00} ms (n={times.Count})");
        }
    }
}

sealed class BenchApi(string connection) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not a test project, so Mvc.Testing has no manifest pointing at the API's folder; its output is enough.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ShortScience", connection);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Site:PublicUrl", "http://bench.test");
        builder.UseSetting("Notifications:DigestEnabled", "false");
        builder.UseSetting("RateLimits:signup:PermitLimit", "100000");
    }

    /// <summary>A signed-in person's bearer token (registered and logged in through the API).</summary>
    public async Task<string> TokenAsync()
    {
        var http = CreateClient();
        var register = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/v1/auth/register",
            new ShortScience.Contracts.RegisterRequest("benchreader", "benchreader@example.org", "a long bench passphrase", "Bench Reader"));
        register.EnsureSuccessStatusCode();
        var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/v1/auth/login",
            new ShortScience.Contracts.LoginRequest("benchreader", "a long bench passphrase"));
        login.EnsureSuccessStatusCode();
        var tokens = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ShortScience.Contracts.TokenResponse>(login.Content);
        return tokens!.AccessToken;
    }
}
