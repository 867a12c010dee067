using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ShortScience.Web.Tests.Pages;

/// <summary>When the API cannot be reached the site says so plainly, with a 503, never a stack trace.</summary>
public sealed class ApiDownTests : IAsyncLifetime
{
    WebHost _web = null!;
    readonly CapturedLogs _logs = new();
    // Where the API would be: bound, never listening, so nothing answers there for the whole test.
    readonly ClosedPort _api = new();

    public Task InitializeAsync()
    {
        // Information: the request log writes a 4xx answer's line at that level.
        _web = new WebHost(new Uri($"http://127.0.0.1:{_api.Port}/"), services: services => services.AddSingleton<ILogEventSink>(_logs),
            logLevel: "Information");
        _web.StartServer();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/papers/1706.03762")]
    [InlineData("/venues")]
    [InlineData("/paper?bibtexKey=journals/corr/abs-1706-03762")] // ShortScience.org's old links
    [InlineData("/venue?key=nips&year=2017")]
    // Passed through to the API: a reader of a feed or a figure gets the same page, not the proxy's bare 502.
    [InlineData("/feeds/summaries.rss")]
    [InlineData("/figures/0123456789abcdef.webp")]
    public async Task PagesAnswer503WithAReadableMessage(string path)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(_web.Address, path));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("temporarily unavailable", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
    }

    /// <summary>A client of the API through the site's origin gets problem details it can act on (retry later).</summary>
    [Theory]
    [InlineData("GET", "/api/v1/papers")]
    [InlineData("POST", "/api/v1/papers")]
    public async Task ApiCallsAnswer503WithProblemDetails(string method, string path)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(_web.Address, path))
        {
            Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    /// <summary>
    /// The request log (what an operator counts 5xx answers from) has one line per request, with the method and path
    /// the client sent and the status it got, not a 500 for the failure and a second line for the error page.
    /// </summary>
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task TheRequestLogHasOneLinePerRequestWithTheStatusSent(string method)
    {
        var path = $"/papers/logged-{method.ToLowerInvariant()}";
        var line = await OnlyRequestLineFor(method, path);
        Assert.Equal((method, path, 503), (line.Method, line.Path, line.Status));
    }

    /// <summary>
    /// A refused form post is shown its readable page by re-running the request as a GET; the log still says what the
    /// client sent (a POST) and what it got.
    /// </summary>
    [Fact]
    public async Task ARefusedPostIsLoggedAsThePostItWas()
    {
        var line = await OnlyRequestLineFor("POST", "/account/login", HttpStatusCode.BadRequest,
            new FormUrlEncodedContent([new("_handler", "login"), new("Input.UserName", "someone")]));
        Assert.Equal(("POST", "/account/login", 400), (line.Method, line.Path, line.Status));
    }

    /// <summary>
    /// While the API is away every page fails alike: the log gets one error with the cause, not a stack trace per
    /// page (which would bury everything else on a busy site), and still one request line per request.
    /// </summary>
    [Fact]
    public async Task AnOutageIsLoggedOnceWithItsCauseNotOncePerPage()
    {
        for (var i = 0; i < 6; i++)
        {
            await OnlyRequestLineFor("GET", $"/papers/outage-{i}");
            await OnlyRequestLineFor("GET", $"/feeds/outage-{i}.rss");
        }

        var withStacks = _logs.Events().Where(e => e.Exception is not null).ToList();
        var report = Assert.Single(withStacks);
        Assert.Equal(LogEventLevel.Error, report.Level);
        Assert.IsType<ShortScience.Web.Clients.ApiUnavailableException>(report.Exception);
        Assert.Equal(6, _logs.RequestLines().Count(line => line.Path?.StartsWith("/papers/outage-", StringComparison.Ordinal) == true));
        Assert.Equal(6, _logs.RequestLines().Count(line => line.Path?.StartsWith("/feeds/outage-", StringComparison.Ordinal) == true));
        Assert.DoesNotContain(_logs.Events(), e => e.Level >= LogEventLevel.Warning && e.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString().Contains("Yarp", StringComparison.Ordinal));
    }

    /// <summary>
    /// Each host logs through its own logger: another host built and stopped in the same process (a second replica, a
    /// test's host) neither takes this host's events nor silences them when it closes its logger.
    /// </summary>
    [Fact]
    public async Task AnotherHostStoppingInTheSameProcessLeavesThisHostsLogWorking()
    {
        using var noApi = new ClosedPort(); // held, so no other test's server takes the port this host knocks on
        var other = new WebHost(new Uri($"http://127.0.0.1:{noApi.Port}/"));
        other.StartServer();
        await other.DisposeAsync();

        var line = await OnlyRequestLineFor("GET", "/papers/logged-after-another-host");
        Assert.Equal(503, line.Status);
    }

    async Task<(string? Method, string? Path, int? Status)> OnlyRequestLineFor(string method, string path,
        HttpStatusCode expected = HttpStatusCode.ServiceUnavailable, HttpContent? body = null)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(_web.Address, path)) { Content = body });
        Assert.Equal(expected, response.StatusCode);

        // Written as the pipeline unwinds, after the answer may have reached the client: wait for the line.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_logs.RequestLines().Any(line => line.Path == path) && DateTime.UtcNow < deadline) await Task.Delay(20);
        return Assert.Single(_logs.RequestLines(), line => line.Path == path || line.Path is "/error" or "/not-found");
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        _api.Dispose();
    }

    sealed class CapturedLogs : ILogEventSink
    {
        readonly ConcurrentQueue<LogEvent> _events = new();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public IEnumerable<LogEvent> Events() => _events;

        /// <summary>Serilog's request-log lines ("HTTP {RequestMethod} {RequestPath} responded {StatusCode} …").</summary>
        public IEnumerable<(string? Method, string? Path, int? Status)> RequestLines() =>
            _events.Where(e => e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode"))
                .Select(e => (Text(e, "RequestMethod"), Text(e, "RequestPath"), (e.Properties["StatusCode"] as ScalarValue)?.Value as int?));

        static string? Text(LogEvent e, string name) =>
            e.Properties.TryGetValue(name, out var value) ? (value as ScalarValue)?.Value as string : null;
    }
}
