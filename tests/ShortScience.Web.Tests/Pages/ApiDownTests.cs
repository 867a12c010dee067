using System.Net;

namespace ShortScience.Web.Tests.Pages;

/// <summary>When the API cannot be reached the site says so plainly, with a 503, never a stack trace.</summary>
public sealed class ApiDownTests : IAsyncLifetime
{
    WebHost _web = null!;

    public Task InitializeAsync()
    {
        // A port that was free a moment ago: nothing listens there.
        var port = FreePort.Next();
        _web = new WebHost(new Uri($"http://127.0.0.1:{port}/"));
        _web.StartServer();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/papers/1706.03762")]
    [InlineData("/venues")]
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

    public async Task DisposeAsync() => await _web.DisposeAsync();
}
