using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShortScience.Api.Tests.Hosting;

/// <summary>The API as it runs in production, on a real Kestrel socket: it does not say what server it is.</summary>
public sealed class ProductionServerHeaderTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public ProductionServerHeaderTests(ApiFactory app)
    {
        _app = app;
        _app.Settings["environment"] = "Production";
        _app.UseKestrel(0);
    }

    [Fact]
    public async Task AnswersCarryNoServerHeader()
    {
        _app.StartServer();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        foreach (var path in new[] { "/health", "/api/v1/papers", "/api/v1/no-such-route", "/api/v1/me" })
        {
            var response = await http.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.Server)}");
        }
    }
}

/// <summary>Over HTTPS in production the API asks browsers to keep to HTTPS (HSTS).</summary>
public sealed class ProductionHstsTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public ProductionHstsTests(ApiFactory app)
    {
        _app = app;
        _app.Settings["environment"] = "Production";
    }

    [Fact]
    public async Task HttpsAnswersCarryStrictTransportSecurity()
    {
        using var http = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shortscience.example") });

        var response = await http.GetAsync("/api/v1/papers");

        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }
}
