using System.Net;
using System.Net.Sockets;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;
using ShortScience.Contracts;
using ShortScience.Core.Rendering.Syntax;

namespace ShortScience.Api.Figures;

/// <summary>Settings of keeping images linked on other hosts (section <c>Figures:Remote</c>).</summary>
public sealed class RemoteFigureOptions
{
    /// <summary>Copy images a summary links on other hosts into the store when it is published.</summary>
    public bool Keep { get; set; } = true;

    /// <summary>Most images copied per publish; the rest stay linked.</summary>
    public int MaxImages { get; set; } = 20;

    /// <summary>Time for one image, connection to last byte.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for all the images of one publish together; those not copied by then stay linked.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Images fetched at the same time during one publish.</summary>
    public int MaxParallel { get; set; } = 4;

    /// <summary>Host names that may resolve to private or loopback addresses (tests, an intranet mirror). Empty by default.</summary>
    public List<string> AllowPrivateHosts { get; set; } = [];
}

/// <summary>
/// When a summary is published, the images it links on other hosts are fetched, checked exactly like an upload,
/// stored, and the text is made to point at the stored copy, so a figure outlives its host. The fetch is guarded
/// against server-side request forgery: only http(s) on the usual ports, every address a name resolves to (for each
/// connection, redirects included) must be public unless the host is explicitly allowed, a time and size limit,
/// and no cookies or credentials. An image that cannot be kept, or not within the publish's deadline, simply stays linked.
/// </summary>
public sealed class RemoteFigures(
    IHttpClientFactory clients, FigureProcessor processor, FigureLibrary library, IOptions<FigureOptions> figureOptions,
    IOptions<RemoteFigureOptions> options, IConfiguration configuration, ILogger<RemoteFigures> logger)
{
    public const string ClientName = "remote-figures";

    // The site's own syntax (an image is what the renderer shows as one, never text in code or math), with the
    // source positions of inlines, so that only the address of each image is rewritten.
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseAutoLinks()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseDefinitionLists()
        .Use<ScienceExtension>()
        .DisableHtml()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>An image linked by address, and where that address is written in the text.</summary>
    readonly record struct LinkedImage(string Url, int Start, int Length);

    /// <summary>The Markdown with every copied image pointing at the site's own figure.</summary>
    public async Task<string> KeepAsync(string markdown, Guid ownerId, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Keep || !markdown.Contains("![", StringComparison.Ordinal)) return markdown;
        var site = configuration["Site:PublicUrl"];
        var images = ImagesIn(markdown);
        var urls = images.Select(i => i.Url)
            .Where(u => FigureLinks.HashOf(u, site) is null && !SameSite(u, site)).Distinct().Take(settings.MaxImages).ToList();
        if (urls.Count == 0) return markdown;

        var kept = await CopyAllAsync(urls, ownerId, ct);
        if (kept.Count == 0) return markdown;
        // From the last image back, so the positions of those before stay right.
        var text = new StringBuilder(markdown);
        foreach (var image in images.OrderByDescending(i => i.Start))
        {
            if (kept.TryGetValue(image.Url, out var local)) text.Remove(image.Start, image.Length).Insert(image.Start, local);
        }
        return text.ToString();
    }

    /// <summary>The images written with an http(s) address in the text (not reference-style ones, not code, not math).</summary>
    static List<LinkedImage> ImagesIn(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return []; // nested beyond Markdig's limit: the renderer refuses the text anyway
        }
        var images = new List<LinkedImage>();
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage || link.Reference is not null || link.Url is not { } url || link.UrlSpan.IsEmpty
                || !(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                continue;
            var (start, length) = (link.UrlSpan.Start, link.UrlSpan.Length);
            if (start < 0 || length < 2 || start + length > markdown.Length) continue;
            if (markdown[start] == '<' && markdown[start + length - 1] == '>') (start, length) = (start + 1, length - 2);
            // Only an address written exactly as it is read (no escapes or entities) is rewritten in place.
            if (!markdown.AsSpan(start, length).SequenceEqual(url.AsSpan())) continue;
            images.Add(new LinkedImage(url, start, length));
        }
        return images;
    }

    /// <summary>
    /// Copies the images a few at a time, all within <see cref="RemoteFigureOptions.Deadline"/>: a publish waits that
    /// long at most however slow the hosts are, and what is not copied by then stays linked as written.
    /// </summary>
    async Task<Dictionary<string, string>> CopyAllAsync(List<string> urls, Guid ownerId, CancellationToken ct)
    {
        var settings = options.Value;
        var limit = settings.Deadline > TimeSpan.Zero ? settings.Deadline : TimeSpan.Zero;
        var kept = new Dictionary<string, string>();
        // The library works on this request's database context: one image stored at a time, and none after the deadline.
        var storing = new SemaphoreSlim(1, 1);
        var open = true;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        var copying = Parallel.ForEachAsync(urls,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallel), CancellationToken = deadline.Token },
            async (url, token) =>
            {
                if (await FetchAsync(url, token, ct) is not { } figure) return;
                await storing.WaitAsync(ct);
                try
                {
                    if (open && await StoreAsync(url, figure, ownerId, ct) is { } local) kept[url] = local;
                }
                finally
                {
                    storing.Release();
                }
            });
        // Decoding and encoding an image cannot be interrupted: the wait ends at the deadline, not with the last image.
        await Task.WhenAny(copying, Task.Delay(Timeout.InfiniteTimeSpan, deadline.Token));
        ct.ThrowIfCancellationRequested();
        deadline.Cancel();
        if (copying.IsFaulted) await copying; // a failure of the site itself (the database), not of a host
        await storing.WaitAsync(ct);
        open = false;
        storing.Release();
        return kept;
    }

    static bool SameSite(string url, string? site) =>
        site is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var u) && Uri.TryCreate(site, UriKind.Absolute, out var s)
        && string.Equals(u.Host, s.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>The image at <paramref name="url"/>, fetched and checked like an upload; null when it stays linked.</summary>
    async Task<ProcessedFigure?> FetchAsync(string url, CancellationToken deadline, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo)
            || !(uri.IsDefaultPort || uri.Port is 80 or 443 || options.Value.AllowPrivateHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)))
            return null;
        ProcessedFigure? Left(string why)
        {
            Skip(url, why);
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) return Left($"answered {(int)response.StatusCode}");
            var max = figureOptions.Value.MaxUploadBytes;
            if (response.Content.Headers.ContentLength > max) return Left("too large");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            if (await FiguresApi.ReadCappedAsync(body, max, timeout.Token) is not { } bytes) return Left("too large");
            return processor.Process(bytes);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or FigureRefusedException
                                   && !ct.IsCancellationRequested)
        {
            return Left(deadline.IsCancellationRequested ? "not copied within the publish's deadline" : e.Message);
        }
    }

    /// <summary>Keeps a fetched image for <paramref name="ownerId"/>; its address, or null when it may not be kept.</summary>
    async Task<string?> StoreAsync(string url, ProcessedFigure figure, Guid ownerId, CancellationToken ct)
    {
        try
        {
            var stored = await library.KeepAsync(figure, ownerId, ct);
            logger.LogInformation("Kept the image {Url} as {Figure}", url, stored.Url);
            return stored.Url;
        }
        catch (Exception e) when (e is FigureRefusedException or FigureQuotaException)
        {
            Skip(url, e.Message);
            return null;
        }
    }

    void Skip(string url, string why) => logger.LogInformation("Left the image {Url} linked: {Reason}", url, why);

    /// <summary>The client: no cookies, few redirects, and a connection only to addresses that are allowed.</summary>
    public static void AddClient(IServiceCollection services) =>
        services.AddHttpClient(ClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ShortScience-figures/1.0 (+keeps images of summaries)");
                client.DefaultRequestHeaders.Accept.ParseAdd("image/png, image/jpeg, image/gif, image/webp");
                client.Timeout = Timeout.InfiniteTimeSpan; // each copy has its own deadline
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowed = sp.GetRequiredService<IOptions<RemoteFigureOptions>>().Value.AllowPrivateHosts;
                return new SocketsHttpHandler
                {
                    UseCookies = false,
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 3,
                    UseProxy = false,
                    ConnectTimeout = TimeSpan.FromSeconds(5),
                    ConnectCallback = (context, ct) => ConnectPubliclyAsync(context, allowed, ct),
                };
            })
            .RemoveAllLoggers();

    /// <summary>
    /// Resolves the host itself and connects only to a public address (checked here, on the address actually used,
    /// so a name that resolves differently the second time, or a redirect to an inner host, gains nothing).
    /// </summary>
    static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, List<string> allowed, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var mayBePrivate = allowed.Contains(host, StringComparer.OrdinalIgnoreCase);
        // Web ports only, on every connection: a redirect to a public host's other services (ssh, a database) is refused too.
        if (!mayBePrivate && context.DnsEndPoint.Port is not (80 or 443)) throw new HttpRequestException($"Port {context.DnsEndPoint.Port} is not a web port.");
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var usable = addresses.Where(a => mayBePrivate || IsPublic(a)).ToList();
        if (usable.Count == 0) throw new HttpRequestException($"{host} is not a public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] == 127
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)                // link-local (cloud metadata at 169.254.169.254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127)   // carrier-grade NAT
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19)           // benchmarking
                || b[0] >= 224);                               // multicast and reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                        // unique local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                // Addresses that carry an IPv4 address a gateway may route to (a private or loopback one, say):
                // IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32.
                || b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
                || (b[0] == 0x20 && b[1] == 0x02)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00));
        }
        return false;
    }
}
