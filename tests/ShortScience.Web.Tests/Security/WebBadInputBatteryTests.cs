using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Security;

/// <summary>
/// Every page and every form of the Web host, read from its own endpoint table (so a new page or form is in the battery
/// the day it is mapped), sent hostile input: no token, junk ids, NUL, huge fields, junk in every query parameter.
/// The answer is never a 5xx, a refusal is a readable page, and none takes more than a few seconds.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class WebBadInputBatteryTests(SiteFixture site)
{
    static readonly TimeSpan Slowest = TimeSpan.FromSeconds(5);

    sealed record Route(string Pattern, RouteEndpoint Endpoint, IReadOnlyList<string> FormFields, IReadOnlyList<string> QueryNames);

    /// <summary>The app's own pages and endpoints (not static files, not the proxied API), with what they read.</summary>
    List<Route> Routes(string method) =>
    [
        .. site.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || e.Metadata.GetMetadata<MethodInfo>() is not null)
            .Select(e => new Route(e.RoutePattern.RawText ?? "", e, FormFieldsOf(e), QueryNamesOf(e)))
            .DistinctBy(r => r.Pattern),
    ];

    static List<string> FormFieldsOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler
            ? [.. handler.GetParameters().Where(p => p.GetCustomAttributes().Any(a => a is IFromFormMetadata)).Select(p => p.Name!)]
            : ["_handler", "Input.Title", "Input.Markdown", "Input.UserNameOrEmail", "Quick.Input", "Manual.Title", "Manual.Year"];

    static List<string> QueryNamesOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            return [.. page.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>())).Where(x => x.a is not null)
                .Select(x => x.a!.Name ?? x.p.Name)];
        }
        return endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler
            ? [.. handler.GetParameters().Where(p => p.ParameterType == typeof(string) || Nullable.GetUnderlyingType(p.ParameterType) is not null
                    || p.ParameterType.IsPrimitive).Select(p => p.Name!)]
            : [];
    }

    /// <summary>Real values for route parameters (so the page gets past "not found" and reads its input), or junk.</summary>
    async Task<Func<string, string, string>> RouteValuesAsync(bool junk)
    {
        using var api = new HttpClient { BaseAddress = site.Api.Address };
        var paper = (await api.GetFromJsonAsync<PaperDetail>("/api/v1/papers/1706.03762"))!;
        var summary = paper.Summaries[0];
        return (pattern, name) => junk ? name.ToLowerInvariant() switch
        {
            "id" or "year" or "part" => "99999999999",
            // (No NUL in a path: Kestrel refuses that itself, before the site runs, with a bare 400.)
            _ => Uri.EscapeDataString("%zz\u202E<x>\uFFFE"),
        } : name.ToLowerInvariant() switch
        {
            "key" => paper.Key,
            "id" => summary.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "slug" when pattern.StartsWith("/authors", StringComparison.Ordinal) => paper.Authors[0].Slug,
            "slug" => paper.Venue!.Slug,
            "tag" => paper.Keywords.FirstOrDefault() ?? "x",
            "year" => (paper.Year ?? 2017).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "name" => summary.Author?.UserName ?? "x",
            "part" => "0",
            _ => "x",
        };
    }

    static string Fill(string pattern, Func<string, string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}([A-Za-z]+)[^}]*\}", m => value(pattern, m.Groups[1].Value));

    static readonly string[] JunkValues = ["abc", "-1", "99999999999999999999", "\u0000", "a\u0000b", "%zz", "\uFFFE\u202E", "<script>alert(1)</script>", "//evil.example", ""];

    static async Task AssertNoFailureAsync(HttpResponseMessage response, string what, TimeSpan took)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{what} answered {status}: {body[..Math.Min(body.Length, 300)]}");
        Assert.True(took < Slowest, $"{what} took {took.TotalMilliseconds:0} ms");
        if (status >= 400 && status != 404 || status == 404 && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            // A refusal a person sees is the site's page, not a bare status (a missing sitemap part is plain 404).
            // (A page may explain the refusal itself, as the questions page does for a bad cursor.)
            Assert.True(body.Contains("class=\"site-header\"", StringComparison.Ordinal) && (body.Contains("<article class=\"notice\">", StringComparison.Ordinal) || body.Contains("role=\"alert\"", StringComparison.Ordinal) || body.Contains("<h1", StringComparison.Ordinal)),
                $"{what} answered {status} {response.Content.Headers.ContentType} without the site's page: {body[..Math.Min(body.Length, 300)]}");
        }
    }

    static async Task<(HttpResponseMessage, TimeSpan)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        return (response, clock.Elapsed);
    }

    [Fact]
    public async Task EveryFormPostedWithoutItsTokenWithJunkNulOrHugeFieldsAnswersAReadable4xx()
    {
        // Signing out goes last, so the member stays signed in for every other form.
        var forms = Routes("POST").OrderBy(r => r.Pattern == "/account/logout").ToList();
        Assert.Contains(forms, r => r.Pattern == "/actions/comment");
        Assert.Contains(forms, r => r.Pattern == "/account/login");
        await site.CreateMemberAsync("battery-member");
        using var member = await FormPosts.SignedInAsync(site, "battery-member");
        using var stranger = new FormPosts(site.WebUrl);
        await stranger.TakeTokenAsync("/account/login");
        var real = await RouteValuesAsync(junk: false);
        var junk = await RouteValuesAsync(junk: true);
        var huge = new string('x', 300_000);

        foreach (var form in forms)
        {
            foreach (var client in new[] { member, stranger })
            {
                foreach (var path in new[] { Fill(form.Pattern, real), Fill(form.Pattern, junk) })
                {
                    var fields = form.FormFields.Concat(["returnUrl"]).Distinct().ToList();
                    var bodies = new List<(Dictionary<string, string> Fields, bool Token, string What)>
                    {
                        (fields.ToDictionary(f => f, _ => "1"), false, "no antiforgery token"),
                        ([], true, "no fields"),
                        (fields.ToDictionary(f => f, _ => huge), true, "huge fields"),
                    };
                    bodies.AddRange(JunkValues.Select(v => (fields.ToDictionary(f => f, _ => v), true, $"every field {Uri.EscapeDataString(v)}")));
                    foreach (var (values, token, what) in bodies)
                    {
                        var (response, took) = await TimedAsync(() => client.PostAsync(path, values, token));
                        await AssertNoFailureAsync(response, $"POST {path} ({(client == member ? "member" : "signed out")}, {what})", took);
                        if (!token) Assert.True((int)response.StatusCode is >= 300 and < 500, $"POST {path} without a token answered {(int)response.StatusCode}");
                    }
                }
            }
        }
    }

    /// <summary>
    /// PUT, DELETE or a made-up method at a page is refused with 405, what the address allows, and the site's page
    /// saying so; at an address that is no page, the not-found page. Both used to be empty answers (the re-run that
    /// shows the notice was refused for the same method).
    /// </summary>
    [Fact]
    public async Task EveryPageAskedWithAMethodItDoesNotTakeAnswersAReadable405()
    {
        var real = await RouteValuesAsync(junk: false);
        using var stranger = new FormPosts(site.WebUrl);
        var paths = Routes("GET").Where(p => p.Pattern is not "/error").Select(p => Fill(p.Pattern, real)).ToList();
        Assert.Contains("/about", paths);
        string[] methods = ["PUT", "DELETE", "PATCH", "PURGE"];
        foreach (var path in paths)
        {
            foreach (var method in methods)
            {
                var (response, took) = await TimedAsync(() => stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)));
                var what = $"{method} {path}";
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{what} answered {(int)response.StatusCode}");
                Assert.Contains("GET", response.Content.Headers.Allow);
                await AssertNoFailureAsync(response, what, took);
                Assert.Contains("cannot be used that way", await response.Content.ReadAsStringAsync());
            }
        }
        // An address that is no page is not found, whatever the method, and says so the same way.
        foreach (var path in new[] { "/no/such/page", "/nowhere", "/nowhere.css", "/papers/1706.03762/nothing" })
        {
            foreach (var method in methods)
            {
                var (response, took) = await TimedAsync(() => stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                await AssertNoFailureAsync(response, $"{method} {path}", took);
            }
        }
    }

    /// <summary>
    /// A form post with a good token naming a form the page does not have (the page changed since it was opened, or
    /// the post was made by hand) used to get Blazor's plain-text sentence; it gets the site's page saying what to do.
    /// </summary>
    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/account/settings", true)]
    [InlineData("/papers/1706.03762", true)]
    public async Task AFormThePageDoesNotHaveIsARefusalOnTheSitesPage(string path, bool signedIn)
    {
        var name = $"no-form-{path.Length}";
        if (signedIn) await site.CreateMemberAsync(name);
        using var client = signedIn ? await FormPosts.SignedInAsync(site, name) : new FormPosts(site.WebUrl);
        await client.TakeTokenAsync(path);
        var (response, took) = await TimedAsync(() => client.PostAsync(path, new() { ["_handler"] = "nope", ["Input.Title"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        await AssertNoFailureAsync(response, $"POST {path} with a form it does not have", took);
        Assert.Contains("no longer has the form", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryPageWithJunkInEveryQueryParameterAnswersWithoutFailing()
    {
        var pages = Routes("GET");
        Assert.Contains(pages, r => r.Pattern == "/");
        Assert.Contains(pages, r => r.Pattern == "/papers/{Key}/summaries/{Id:long}/diff");
        await site.CreateMemberAsync("battery-reader");
        using var member = await FormPosts.SignedInAsync(site, "battery-reader");
        using var stranger = new FormPosts(site.WebUrl);
        var real = await RouteValuesAsync(junk: false);
        var junk = await RouteValuesAsync(junk: true);
        string[] common = ["cursor", "from", "to", "year", "status", "tab", "q", "revision", "all", "key", "returnUrl", "page", "field", "type", "tag", "sort"];

        foreach (var page in pages.Where(p => p.Pattern is not "/error"))
        {
            var names = page.QueryNames.Concat(common).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var path in new[] { Fill(page.Pattern, real), Fill(page.Pattern, junk) })
            {
                // A long value goes in one parameter at a time: an address over Kestrel's 8 KB request line is refused
                // (414) before the site runs at all.
                var queries = JunkValues.Select(v => string.Join('&', names.Select(n => $"{n}={Uri.EscapeDataString(v)}")))
                    .Concat(names.Take(4).Select(n => $"{n}={new string('9', 5000)}"));
                foreach (var query in queries)
                {
                    foreach (var client in new[] { member, stranger })
                    {
                        var (response, took) = await TimedAsync(() => client.GetAsync($"{path}?{query}"));
                        await AssertNoFailureAsync(response, $"GET {path}?{query[..Math.Min(query.Length, 120)]}", took);
                    }
                }
                // A raw, undecodable query string too.
                var (raw, rawTook) = await TimedAsync(() => stranger.GetAsync($"{path}?cursor=%&from=%FF%FE&%00=%00"));
                await AssertNoFailureAsync(raw, $"GET {path} with an undecodable query", rawTook);
            }
        }
    }
}
