using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortScience.Api.Tests.Hosting;

public sealed class HostingTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task HealthReportsHealthyWhenTheDatabaseAnswers()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesThePaperEndpoints()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/papers/{key}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/venues", out _));
    }

    [Fact]
    public async Task UnknownApiPathIsAProblemDetails404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
