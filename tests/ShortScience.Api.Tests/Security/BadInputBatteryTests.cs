using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Security;

/// <summary>
/// Every route the API serves, called the way a careless or hostile client would: junk in every query and path
/// parameter, bodies without or with the wrong Content-Type, text PostgreSQL cannot store. The answer is never a
/// 5xx, a 4xx is a problem detail, and no request takes over 2 s. Text PostgreSQL cannot store is refused before
/// any statement runs, so the connections it would have used serve the next writes as usual.
/// </summary>
public sealed partial class BadInputBatteryTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    // The cache-events stream stays open by design; logging out would end the caller's session mid-battery.
    static bool Skipped(string route) => route.Contains("/internal/cache-events", StringComparison.Ordinal) || route.EndsWith("/auth/logout", StringComparison.Ordinal);

    static readonly string[] Queries =
    [
        "cursor=abc&year=abc&from=abc&to=abc&limit=abc&page=abc&sort=%27&status=abc&before=abc&after=abc&unanswered=maybe&days=abc&window=abc&field=abc",
        "cursor=%FF%FE&year=99999999999&from=-1&to=99999999999999999999&limit=-5&q=%ED%A0%80&tag=" + new string('t', 3000),
        "cursor=" + new string('A', 5000) + "&year=-2147483649&from=1e9&limit=2147483648",
        "q=%00&cursor=%00",
    ];

    // A NUL in the path cannot be sent through the test server (Kestrel refuses such a request line anyway).
    static readonly string[] Segments = ["abc", "-1", "99999999999999999999", "%ED%A0%80", "%FF", new string('x', 3000), "%C0%AF"];

    [Fact]
    public async Task JunkInEveryQueryAndPathParameterIsAnAnswerNotAnErrorAndFast()
    {
        var moderator = await app.ModeratorAsync("battery-query");
        var context = await ContextAsync(1);
        var failures = new List<string>();
        var routes = RouteTable.Of(app.Services).Where(r => !Skipped(r)).ToList();
        // Each route once first, untimed: the first call of an endpoint compiles it (and the OpenAPI document is built
        // once); the 2 s bound is for every request after that.
        foreach (var route in routes)
        {
            var (method, path) = context.Request(route);
            using var warm = new HttpRequestMessage(new HttpMethod(method), path.Split('?')[0]);
            (await moderator.SendAsync(warm)).Dispose();
        }
        foreach (var route in routes)
        {
            var (method, path) = context.Request(route);
            path = path.Split('?')[0];
            foreach (var query in Queries)
            {
                await SendAsync(moderator, failures, method, $"{path}?{query}", method == "GET" ? null : context.Body(route));
            }
            if (!route.Contains('{')) continue;
            foreach (var segment in Segments)
            {
                await SendAsync(moderator, failures, method, Placeholder().Replace(route[(route.IndexOf(' ') + 1)..], segment), method == "GET" ? null : context.Body(route));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static readonly (string Name, string? ContentType, byte[] Bytes)[] Bodies =
    [
        ("JSON without Content-Type", null, Encoding.UTF8.GetBytes("""{"markdown":"x","title":"x","input":"x","value":1}""")),
        ("JSON as text/plain", "text/plain", Encoding.UTF8.GetBytes("""{"markdown":"x","title":"x"}""")),
        ("JSON as form", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("""{"markdown":"x"}""")),
        ("broken multipart", "multipart/form-data; boundary=zz", Encoding.UTF8.GetBytes("--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\0y")),
        ("malformed JSON", "application/json", Encoding.UTF8.GetBytes("""{"markdown": "x",""")),
        ("wrong types", "application/json", Encoding.UTF8.GetBytes("""{"markdown":[1],"title":{},"authors":"x","year":"abc","value":"up","changes":7,"keys":{"a":1}}""")),
        ("escaped lone surrogate", "application/json", Encoding.UTF8.GetBytes("""{"markdown":"a\ud800b","title":"\udc00","input":"\ud800","reason":"\ud800","displayName":"\udfff","note":"\ud800"}""")),
        ("escaped NUL", "application/json", Encoding.UTF8.GetBytes("""{"markdown":"a\u0000b","title":"\u0000","input":"@misc{a, title={\u0000}}","reason":"\u0000"}""")),
        ("raw NUL and invalid UTF-8", "application/json", [.. Encoding.UTF8.GetBytes("{\"markdown\":\"a"), 0x00, 0xC3, 0x28, 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\"}")]),
        ("deep JSON", "application/json", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
        ("10,000 authors", "application/json", Encoding.UTF8.GetBytes("{\"manual\":{\"title\":\"t\",\"authors\":[" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"Author {i}\"")) + "]},\"changes\":{\"authors\":[" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"A {i}\"")) + "]}}")),
        ("deep BibTeX", "application/x-bibtex", Encoding.UTF8.GetBytes("@misc{deep, title = " + new string('{', 100_000) + "x" + new string('}', 100_000) + "}")),
    ];

    [Fact]
    public async Task BadBodiesAtEveryWriteRouteAreProblemsNeverErrorsAndFast()
    {
        var moderator = await app.ModeratorAsync("battery-body");
        var context = await ContextAsync(2);
        var failures = new List<string>();
        foreach (var route in RouteTable.Of(app.Services).Where(r => !Skipped(r) && r.Split(' ')[0] is "POST" or "PUT" or "PATCH"))
        {
            foreach (var (name, type, bytes) in Bodies)
            {
                var (method, path) = context.Request(route);
                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = type is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
                await SendAsync(moderator, failures, method, path, content, name);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task AJsonBodyWithoutContentTypeIs415AndMalformedJsonIs400()
    {
        var member = await app.MemberAsync("battery-415");
        using var bare = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"input":"1706.03762"}"""));
        var response = await member.PostAsync("/api/v1/papers", bare);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        foreach (var body in new[] { """{"input":""", """{"input":7}""", """[1,2]""", """{"manual":{"title":["x"]}}""" })
        {
            var bad = await member.PostAsync("/api/v1/papers", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TenThousandAuthorsAreRefusedFast()
    {
        var member = await app.MemberAsync("battery-authors");
        var authors = Enumerable.Range(0, 10_000).Select(i => $"Author Number{i}").ToList();
        var watch = Stopwatch.StartNew();

        var response = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("Too Many Authors", authors)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(watch.Elapsed < Slowest, $"{watch.Elapsed}");
        Assert.Contains("authors", (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!.Errors.Keys);

        // In BibTeX the list is cut to the limit, and the report says so.
        var bib = "@misc{many, title = {Many Authors In BibTeX}, year = {2020}, author = {" + string.Join(" and ", authors) + "}}";
        watch.Restart();
        var import = await member.PostAsync("/api/v1/papers/import", new StringContent(bib, Encoding.UTF8, "application/x-bibtex"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var item = (await import.Content.ReadFromJsonAsync<BibImportReport>())!.Items.Single();
        Assert.Equal("refused", item.Outcome); // over the entry size limit
        Assert.Contains("longer than", item.Reason);
    }

    [Fact]
    public async Task DeeplyNestedBracesInBibtexAreRefusedWithAClearReason()
    {
        var member = await app.MemberAsync("battery-braces");
        var bib = "@misc{deep, title = {" + new string('{', 40) + "Deep" + new string('}', 40) + "}}\n\n@misc{fine, title = {A Fine Entry After A Deep One}, year = {2021}}";

        var report = (await (await member.PostAsync("/api/v1/papers/import", new StringContent(bib, Encoding.UTF8, "application/x-bibtex")))
            .Content.ReadFromJsonAsync<BibImportReport>())!;

        var deep = report.Items.Single(i => i.CitationKey == "deep");
        Assert.Equal("refused", deep.Outcome);
        Assert.Contains("nested", deep.Reason);
        Assert.Equal("added", report.Items.Single(i => i.CitationKey == "fine").Outcome);
    }

    [Fact]
    public async Task TextPostgresCannotStoreIsRefusedAndTheNextWritesOnThePoolSucceed()
    {
        var member = await app.MemberAsync("battery-pool");
        await app.WithDbAsync(async db => await TestData.PaperAsync(db, "battery-pool-paper", "Battery Pool Paper", null, 2020, "Pool Author"));
        const string url = "/api/v1/papers/battery-pool-paper/summaries/mine";

        foreach (var bad in new[] { "a\\u0000b", "a\\ud800b", "\\udc00", "\\ud800\\ud800" })
        {
            var json = $$"""{"markdown":"{{bad}}","baseRevision":0,"anonymous":false}""";
            var refused = await member.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var nulFile = await member.PostAsync("/api/v1/papers/import", new ByteArrayContent([.. Encoding.UTF8.GetBytes("@misc{n, title = {A"), 0, .. Encoding.UTF8.GetBytes("B}}")]));
        Assert.Equal(HttpStatusCode.BadRequest, nulFile.StatusCode);

        // Two valid writes right after, on the same pool, as many times as the pool has connections to hand out.
        var revision = 0;
        for (var i = 0; i < 4; i++)
        {
            var ok = await member.PutAsJsonAsync(url, new PublishRequest($"Valid text number {i}.", revision, false, null));
            Assert.True(ok.IsSuccessStatusCode, $"{(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
            revision = (await ok.Content.ReadFromJsonAsync<PublishedRevision>())!.Revision;
            var imported = await member.PostAsync("/api/v1/papers/import",
                new StringContent($"@misc{{ok{i}, title = {{Valid Pool Import {i}}}, year = {{2020}}}}", Encoding.UTF8, "application/x-bibtex"));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
    }

    static readonly SemaphoreSlim Members = new(1, 1);

    async Task<MatrixContext> ContextAsync(int n)
    {
        await Members.WaitAsync();
        try
        {
            if (!await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.UserName == "mx0")))
            {
                await app.ManyMembersAsync("mx", 2);
            }
        }
        finally
        {
            Members.Release();
        }
        return await MatrixContext.CreateAsync(app, n);
    }

    static async Task SendAsync(HttpClient client, List<string> failures, string method, string path, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        await SendAsync(client, failures, method, path, content, "");
    }

    static async Task SendAsync(HttpClient client, List<string> failures, string method, string path, HttpContent? content, string what)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        watch.Stop();
        var status = (int)response.StatusCode;
        var shown = $"{method} {path[..Math.Min(path.Length, 120)]} {what}";
        if (status >= 500) failures.Add($"{shown}: {status} {Cut(await response.Content.ReadAsStringAsync())}");
        // The OpenAPI document's route is the framework's own: an unknown document name is its plain 404.
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            failures.Add($"{shown}: {status} without problem details");
        }
        if (watch.Elapsed > Slowest) failures.Add($"{shown}: took {watch.Elapsed.TotalSeconds:0.0} s");
    }

    static string Cut(string text) => text.Length <= 300 ? text : text[..300];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
