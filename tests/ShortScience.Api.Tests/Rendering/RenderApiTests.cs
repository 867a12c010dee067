using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Rendering;

public sealed class RenderApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RenderingMarkdownReturnsSanitizedHtmlWithMathAndResolvedCitations()
    {
        await app.WithDbAsync(async db => await TestData.PaperAsync(db, "1406.2661", "Generative Adversarial Networks"));
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/render",
            new RenderRequest("As in \\cite{1406.2661}, $\\min_G \\max_D V(D, G)$.\n\n<script>alert(1)</script>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = (await response.Content.ReadFromJsonAsync<RenderResponse>())!.Html;
        Assert.Contains("<a href=\"/papers/1406.2661\">Generative Adversarial Networks</a>", html);
        Assert.Contains("class=\"katex\"", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task RenderingTooLongATextIsAProblemDetail()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/render", new RenderRequest(new string('x', 100_001)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(413, problem!.Status);
        Assert.Contains("100,000", problem.Detail);
    }

    [Fact]
    public async Task RenderingWithoutMarkdownIsABadRequest()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/render", new { text = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PreviewsOverTheRateLimitAre429WithRetryAfter()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:preview:PermitLimit", "3"));
        var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/render", new RenderRequest($"Preview {i}"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        var problem = await last.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(429, problem!.Status);
    }
}
