using System.Net;
using System.Text.Json;

namespace ShortScience.Api.Tests.Hosting;

/// <summary>The OpenAPI document is built once per process and then answered from memory, the same for everyone.</summary>
public sealed class OpenApiDocumentTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheDocumentIsTheSameEveryTimeAndMadeUpNamesAreNotKept()
    {
        var anonymous = app.CreateClient();
        var member = await app.MemberAsync("openapi-reader");
        using var first = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        using (var document = JsonDocument.Parse(bytes))
        {
            Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/papers/{key}", out _));
        }

        // Later answers, with junk in the query or as a signed-in member, are the same bytes.
        foreach (var (client, path) in new[] { (anonymous, "/openapi/v1.json?x=%FF&limit=abc"), (member, "/openapi/v1.json"), (anonymous, "/OPENAPI/V1.JSON") })
        {
            using var again = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        }
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/openapi/made-up-{i}.json")).StatusCode);
        }
        using var still = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(bytes, await still.Content.ReadAsByteArrayAsync());
    }
}
