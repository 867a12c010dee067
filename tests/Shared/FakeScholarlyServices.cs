using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShortScience.Testing;

/// <summary>A canned answer: status, media type, body and an optional delay before answering.</summary>
public sealed record FakeAnswer(int Status, string ContentType, string Body, TimeSpan Delay = default)
{
    public static FakeAnswer File(string fixture, int status = 200, TimeSpan delay = default) =>
        new(status, fixture.EndsWith(".xml") ? "application/atom+xml; charset=utf-8" : fixture.EndsWith(".json") ? "application/json" : "text/html",
            System.IO.File.ReadAllText(FakeScholarlyServices.FixturePath(fixture)), delay);
}

/// <summary>
/// Stand-ins for arXiv, Crossref and DataCite on a loopback port, answering with recorded responses from
/// tests/Fixtures/Import: arXiv at /arxiv/api/query, Crossref at /crossref/works/{doi}, DataCite at
/// /datacite/dois/{doi}. A fixture is found by id (arxiv/1706.03762.xml, crossref/10.1109-cvpr.2016.90.json);
/// tests can replace any answer and count requests.
/// </summary>
public sealed class FakeScholarlyServices : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, Queue<FakeAnswer>> _answers = new();
    WebApplication? _app;

    public ConcurrentDictionary<string, int> Requests { get; } = new();
    public Uri Address { get; private set; } = null!;
    public string ArxivUrl => new Uri(Address, "arxiv/").ToString();
    public string CrossrefUrl => new Uri(Address, "crossref/").ToString();
    public string DataCiteUrl => new Uri(Address, "datacite/").ToString();

    /// <summary>The settings that point the API at this fake, with short timeouts.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Import:ArxivBaseUrl"] = ArxivUrl, ["Import:CrossrefBaseUrl"] = CrossrefUrl, ["Import:DataCiteBaseUrl"] = DataCiteUrl,
        ["Import:AttemptTimeoutSeconds"] = "3", ["Import:TotalTimeoutSeconds"] = "8", ["Import:RetryDelaySeconds"] = "0.05",
    };

    public static string FixturePath(string fixture) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", fixture);

    /// <summary>Answers the next requests for <paramref name="id"/> (an arXiv id or DOI) with these, in order; then the fixture again.</summary>
    public void Answer(string id, params FakeAnswer[] answers) => _answers[id.ToLowerInvariant()] = new Queue<FakeAnswer>(answers);

    public int RequestsFor(string id) => Requests.GetValueOrDefault(id.ToLowerInvariant());

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/arxiv/api/query", (HttpContext http) => Serve(http, http.Request.Query["id_list"].ToString(), "arxiv", ".xml", "arxiv/empty.xml", 200));
        _app.MapGet("/crossref/works/{**doi}", (HttpContext http, string doi) => Serve(http, doi, "crossref", ".json", "crossref/not-found.txt", 404));
        _app.MapGet("/datacite/dois/{**doi}", (HttpContext http, string doi) => Serve(http, doi, "datacite", ".json", "datacite/not-found.json", 404));
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    async Task Serve(HttpContext http, string id, string service, string extension, string missing, int missingStatus)
    {
        id = Uri.UnescapeDataString(id).ToLowerInvariant();
        Requests.AddOrUpdate(id, 1, (_, n) => n + 1);
        FakeAnswer? answer = null;
        if (_answers.TryGetValue(id, out var queue))
        {
            lock (queue) queue.TryDequeue(out answer);
        }
        if (answer is null)
        {
            var fixture = $"{service}/{id.Replace('/', '-')}{extension}";
            answer = File.Exists(FixturePath(fixture)) ? FakeAnswer.File(fixture) : FakeAnswer.File(missing, missingStatus);
        }
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = answer.ContentType;
        await http.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
