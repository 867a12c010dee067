using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Figures;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Figures;

/// <summary>A real HTTP server on this machine serving images; "localhost" is allowed for the test, 127.0.0.1 is not.</summary>
public sealed class ImageServer : IAsyncLifetime
{
    public int Port { get; } = FreePort.Next();
    public byte[] Png { get; } = TestImages.Png(240, 120, seed: 70);
    WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapGet("/plot.png", () => Results.Bytes(Png, "image/png"));
        _app.MapGet("/page.png", () => Results.Text("<html><script>alert(1)</script></html>", "image/png"));
        _app.MapGet("/to-inside.png", () => Results.Redirect($"http://127.0.0.1:{Port}/plot.png"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>A host that takes connections and never answers them, like a hung image server.</summary>
public sealed class SilentServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly List<TcpClient> _held = [];

    public SilentServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_held) _held.Add(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held)
        {
            foreach (var client in _held) client.Dispose();
        }
    }
}

public sealed class RemoteFigureTests : IClassFixture<ApiFactory>, IClassFixture<ImageServer>
{
    readonly ApiFactory _app;
    readonly ImageServer _server;

    public RemoteFigureTests(ApiFactory app, ImageServer server)
    {
        (_app, _server) = (app, server);
        app.Settings["Figures:Remote:AllowPrivateHosts:0"] = "localhost";
    }

    [Fact]
    public async Task PublishingCopiesImagesFromOtherHostsAndRefusesInnerAddresses()
    {
        await _app.WithDbAsync(db => TestData.PaperAsync(db, "fig-remote", "Paper with remote figures"));
        var member = await _app.MemberAsync("fig-remote");
        var p = _server.Port;
        var markdown = $"""
            Kept: ![plot](http://localhost:{p}/plot.png "The plot")

            Not an image: ![page](http://localhost:{p}/page.png)

            Inner address: ![inner](http://127.0.0.1:{p}/plot.png)

            Redirected inside: ![moved](http://localhost:{p}/to-inside.png)

            Metadata service: ![meta](http://169.254.169.254/latest/meta-data.png)
            """;
        var response = await member.PutAsJsonAsync("/api/v1/papers/fig-remote/summaries/mine", new PublishRequest(markdown, null, false, null));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var text = await _app.WithDbAsync(db => db.SummaryRevisions.Where(r => r.Summary.Paper.Key == "fig-remote").Select(r => r.Markdown).SingleAsync());
        var hashes = FigureLinks.HashesIn(text);
        var hash = Assert.Single(hashes);
        Assert.Contains($"![plot](/figures/{hash}.webp \"The plot\")", text);
        Assert.Contains($"http://localhost:{p}/page.png", text);
        Assert.Contains($"http://127.0.0.1:{p}/plot.png", text);
        Assert.Contains($"http://localhost:{p}/to-inside.png", text);
        Assert.Contains("http://169.254.169.254/latest/meta-data.png", text);

        var served = await _app.CreateClient().GetAsync($"/figures/{hash}.webp");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        var owner = await _app.WithDbAsync(db => db.Figures.Where(f => f.Hash == hash).Select(f => f.OwnerId).FirstAsync());
        Assert.NotNull(owner);
    }

    [Fact]
    public async Task APublishWaitsForHostsThatNeverAnswerOnlyUntilItsDeadline()
    {
        await _app.WithDbAsync(db => TestData.PaperAsync(db, "fig-hung", "Paper with hung figures"));
        var member = await _app.MemberAsync("fig-hung");
        using var silent = new SilentServer();
        // More images than are fetched at once; one after another, each would wait out its own timeout (10 s).
        var markdown = string.Join("\n\n", Enumerable.Range(0, 6).Select(i => $"![hung {i}](http://localhost:{silent.Port}/hung-{i}.png)"));

        var watch = Stopwatch.StartNew();
        var response = await member.PutAsJsonAsync("/api/v1/papers/fig-hung/summaries/mine", new PublishRequest(markdown, null, false, null));
        watch.Stop();
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // Well within the Web host's wait for the API (10 s), and the images stay linked as written.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(9), $"Publishing took {watch.Elapsed}.");
        var text = await _app.WithDbAsync(db => db.SummaryRevisions.Where(r => r.Summary.Paper.Key == "fig-hung").Select(r => r.Markdown).SingleAsync());
        Assert.Equal(markdown, text);
    }

    [Fact]
    public async Task ImagesShownAsCodeAreLeftAsWritten()
    {
        await _app.WithDbAsync(db => TestData.PaperAsync(db, "fig-code", "Paper with Markdown shown as code"));
        var member = await _app.MemberAsync("fig-code");
        var image = $"http://localhost:{_server.Port}/plot.png";
        var markdown = $"""
            Write a figure like this:

            ```markdown
            ![x]({image})
            ```

            or inline, `![y]({image})`, and it shows as:

            > ![real]({image} "The plot")
            """;
        var response = await member.PutAsJsonAsync("/api/v1/papers/fig-code/summaries/mine", new PublishRequest(markdown, null, false, null));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var text = await _app.WithDbAsync(db => db.SummaryRevisions.Where(r => r.Summary.Paper.Key == "fig-code").Select(r => r.Markdown).SingleAsync());
        // Only the image itself points at the copy; the code showing how to write one is unchanged.
        var hash = Assert.Single(FigureLinks.HashesIn(text));
        Assert.Equal(markdown.Replace($"![real]({image} ", $"![real]({FigureLinks.Url(hash)} "), text);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::127.0.0.1", false)]                 // IPv4-compatible
    [InlineData("64:ff9b::7f00:1", false)]             // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", false)]          // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1", false)]            // local-use NAT64
    [InlineData("2002:7f00:1::1", false)]              // 6to4
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)] // Teredo
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void OnlyPublicAddressesAreReachable(string address, bool expected) =>
        Assert.Equal(expected, RemoteFigures.IsPublic(IPAddress.Parse(address)));
}
