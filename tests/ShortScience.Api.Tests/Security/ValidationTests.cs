using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Security;

/// <summary>Every request body states its limits, and the API holds them before any endpoint code runs.</summary>
public sealed class ValidationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public void EveryRequestBodyDeclaresItsLimits()
    {
        var bodies = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<MethodInfo>())
            .Where(m => m is not null)
            .SelectMany(m => m!.GetParameters())
            .Select(p => p.ParameterType)
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Where(t => t.Namespace == typeof(Limits).Namespace && t.IsClass)
            .Distinct().ToList();

        Assert.NotEmpty(bodies);
        var unchecked_ = bodies.Where(t => !typeof(IValidatable).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.True(unchecked_.Count == 0, "Request bodies without limits (implement IValidatable): " + string.Join(", ", unchecked_));
    }

    [Fact]
    public async Task AHugeAuthorListIsRefusedAtOnceNamingTheField()
    {
        var member = await app.MemberAsync("many-authors");
        var authors = Enumerable.Range(0, 10_000).Select(i => $"Author Number{i}").ToArray();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("Too many authors", authors)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.True(problem.Errors.ContainsKey("authors"), string.Join(", ", problem.Errors.Keys));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/relative/path")]
    public async Task ALinkThatIsNotHttpIsRefused(string url)
    {
        var member = await app.MemberAsync("bad-link" + Math.Abs(url.GetHashCode(StringComparison.Ordinal)));
        var response = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper("A paper with a bad link", ["Ada Lovelace"], Url: url)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ANulInTheBodyIsRefusedAndTheNextRequestOnThePoolSucceeds()
    {
        var member = await app.MemberAsync("nul-writer");
        using var nul = new StringContent("""{"manual":{"title":"Zero\u0000Byte","authors":["Ada Lovelace"]}}""", Encoding.UTF8, "application/json");
        var refused = await member.PostAsync("/api/v1/papers", nul);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        for (var i = 0; i < 3; i++)
        {
            var ok = await member.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper($"A clean paper {i}", ["Ada Lovelace"], Year: 2020)));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }
    }

    [Fact]
    public async Task ANulInTheQueryIsRefused()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/search?q=a%00b");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>A query value that is not of its parameter's type names that parameter; a GET has no body to blame.</summary>
    [Theory]
    [InlineData("/api/v1/questions?limit=abc", "limit", "whole number")]
    [InlineData("/api/v1/questions?unanswered=maybe", "unanswered", "true or false")]
    [InlineData("/api/v1/questions?limit=99999999999", "limit", "whole number")]
    [InlineData("/feeds/summaries.rss?limit=abc", "limit", "whole number")]
    public async Task AQueryValueOfTheWrongKindNamesItsParameter(string path, string parameter, string kind)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
        Assert.Equal(parameter, problem.Extensions["parameter"]?.ToString());
        Assert.Contains(kind, problem.Detail);
        Assert.DoesNotContain("body", problem.Detail);
    }
}
