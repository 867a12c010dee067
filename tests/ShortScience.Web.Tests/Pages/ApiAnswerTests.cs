using System.Net;
using System.Net.Sockets;
using System.Text;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Tests.Pages;

/// <summary>
/// How the Web host reads the API's answers (ApiResponses): whole documents of any size, with or without a length,
/// and an answer that breaks off or stalls is "the API is unavailable" (a 503 page), never an unhandled error.
/// The far end is a raw socket, so each answer is exactly the bytes a failing API would send.
/// </summary>
public sealed class ApiAnswerTests : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ApiAnswerTests() => _listener.Start();

    sealed record Doc(string Title, string Html);

    HttpClient Client(TimeSpan? timeout = null) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/"),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Answers this test's request (GET /doc) with <paramref name="answer"/>, then <paramref name="after"/> decides how the
    /// connection ends. The listener's port is a free one the system chose, so a connection meant for a port that
    /// another test just closed can arrive here: it is hung up on, and the next one taken, instead of being answered
    /// (or, if it ends before its request does, read for ever: a read at the end of a stream returns 0 at once). A
    /// client that gives up before sending (a 1 s timeout on a busy machine) sends nothing to answer: after a minute
    /// the server stops waiting, and the test's own assertions say whether that was right.
    /// </summary>
    async Task ServeOnceAsync(byte[] answer, Func<NetworkStream, Task>? after = null)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptTcpClientAsync(patience.Token);
                var stream = socket.GetStream();
                var request = new byte[8192];
                var seen = 0;
                while (seen < request.Length && !Encoding.ASCII.GetString(request, 0, seen).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(request.AsMemory(seen), patience.Token);
                    if (read == 0) break;
                    seen += read;
                }
                var text = Encoding.ASCII.GetString(request, 0, seen);
                if (!text.StartsWith("GET /doc ", StringComparison.Ordinal) || !text.Contains("\r\n\r\n", StringComparison.Ordinal)) continue;
                await stream.WriteAsync(answer);
                await stream.FlushAsync();
                if (after is not null) await after(stream);
                return;
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            // Nobody asked: the test's client gave up first.
        }
    }

    static string Json(string title, string html) => System.Text.Json.JsonSerializer.Serialize(new Doc(title, html), System.Text.Json.JsonSerializerOptions.Web);

    static string LongHtml(int chars) => string.Concat(Enumerable.Range(0, chars / 20).Select(i => $"<p>“{i,8}” é</p>"));

    [Theory]
    [InlineData(100)]
    [InlineData(300_000)] // longer than the first pooled buffer and than any one read
    public async Task AnAnswerWithItsLengthIsReadWhole(int chars)
    {
        var body = Encoding.UTF8.GetBytes(Json("A title", LongHtml(chars)));
        var server = ServeOnceAsync([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body]);
        using var http = Client();

        var result = await http.SendAsync<Doc>(HttpMethod.Get, "doc");

        Assert.Equal(new Doc("A title", LongHtml(chars)), result.Value);
        await server;
    }

    [Fact]
    public async Task AChunkedAnswerWithoutALengthIsReadWhole()
    {
        var body = Encoding.UTF8.GetBytes(Json("Chunked", LongHtml(200_000)));
        var chunked = new List<byte>();
        foreach (var piece in body.Chunk(7_001))
        {
            chunked.AddRange(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"));
            chunked.AddRange(piece);
            chunked.AddRange("\r\n"u8.ToArray());
        }
        chunked.AddRange("0\r\n\r\n"u8.ToArray());
        var server = ServeOnceAsync([.. Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"), .. chunked]);
        using var http = Client();

        var result = await http.SendAsync<Doc>(HttpMethod.Get, "doc");

        Assert.Equal(new Doc("Chunked", LongHtml(200_000)), result.Value);
        await server;
    }

    [Fact]
    public async Task AnAnswerThatBreaksOffIsTheApiBeingUnavailable()
    {
        var body = Encoding.UTF8.GetBytes(Json("Cut", LongHtml(50_000)));
        // Promises the whole document, sends half, and hangs up.
        var server = ServeOnceAsync([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body[..(body.Length / 2)]]);
        using var http = Client();

        await Assert.ThrowsAsync<ApiUnavailableException>(() => http.SendAsync<Doc>(HttpMethod.Get, "doc"));
        await server;
    }

    [Fact]
    public async Task AnAnswerThatStallsIsTheApiBeingUnavailableWithinTheTimeout()
    {
        var body = Encoding.UTF8.GetBytes(Json("Stalled", LongHtml(50_000)));
        using var release = new CancellationTokenSource();
        var server = ServeOnceAsync([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body[..100]],
            async _ => await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }));
        using var http = Client(TimeSpan.FromSeconds(1));

        // Unbounded, the read would wait for ever: the test gives up after 30 s (a TimeoutException, not the one expected).
        var failure = await Record.ExceptionAsync(() => http.SendAsync<Doc>(HttpMethod.Get, "doc").WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<ApiUnavailableException>(failure);
        release.Cancel();
        await server;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
