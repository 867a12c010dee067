using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ShortScience.Contracts;

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

    /// <summary>Host names that may resolve to private or loopback addresses (tests, an intranet mirror). Empty by default.</summary>
    public List<string> AllowPrivateHosts { get; set; } = [];
}

/// <summary>
/// When a summary is published, the images it links on other hosts are fetched, checked exactly like an upload,
/// stored, and the text is made to point at the stored copy, so a figure outlives its host. The fetch is guarded
/// against server-side request forgery: only http(s) on the usual ports, every address a name resolves to (for each
/// connection, redirects included) must be public unless the host is explicitly allowed, a time and size limit,
/// and no cookies or credentials. An image that cannot be kept simply stays linked.
/// </summary>
public sealed partial class RemoteFigures(
    IHttpClientFactory clients, FigureProcessor processor, FigureLibrary library, IOptions<FigureOptions> figureOptions,
    IOptions<RemoteFigureOptions> options, IConfiguration configuration, ILogger<RemoteFigures> logger)
{
    public const string ClientName = "remote-figures";

    [GeneratedRegex(@"!\[(?<alt>[^\]\n]{0,500})\]\(\s*<?(?<url>https?://[^\s)<>]{1,2000})>?(?<title>\s+""[^""\n]{0,300}"")?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownImage();

    /// <summary>The Markdown with every copied image pointing at the site's own figure.</summary>
    public async Task<string> KeepAsync(string markdown, Guid ownerId, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Keep || !markdown.Contains("](http", StringComparison.OrdinalIgnoreCase)) return markdown;
        var site = configuration["Site:PublicUrl"];
        var urls = MarkdownImage().Matches(markdown).Select(m => m.Groups["url"].Value)
            .Where(u => FigureLinks.HashOf(u, site) is null && !SameSite(u, site)).Distinct().Take(settings.MaxImages).ToList();
        if (urls.Count == 0) return markdown;

        var kept = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            if (await CopyAsync(url, ownerId, ct) is { } local) kept[url] = local;
        }
        if (kept.Count == 0) return markdown;
        return MarkdownImage().Replace(markdown, m => kept.TryGetValue(m.Groups["url"].Value, out var local)
            ? $"![{m.Groups["alt"].Value}]({local}{m.Groups["title"].Value})"
            : m.Value);
    }

    static bool SameSite(string url, string? site) =>
        site is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var u) && Uri.TryCreate(site, UriKind.Absolute, out var s)
        && string.Equals(u.Host, s.Host, StringComparison.OrdinalIgnoreCase);

    async Task<string?> CopyAsync(string url, Guid ownerId, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo)
            || !(uri.IsDefaultPort || uri.Port is 80 or 443 || options.Value.AllowPrivateHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)))
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) return Skip(url, $"answered {(int)response.StatusCode}");
            var max = figureOptions.Value.MaxUploadBytes;
            if (response.Content.Headers.ContentLength > max) return Skip(url, "too large");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            if (await FiguresApi.ReadCappedAsync(body, max, timeout.Token) is not { } bytes) return Skip(url, "too large");
            var figure = processor.Process(bytes);
            var stored = await library.KeepAsync(figure, ownerId, ct);
            logger.LogInformation("Kept the image {Url} as {Figure}", url, stored.Url);
            return stored.Url;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or FigureRefusedException or FigureQuotaException
                                   && !ct.IsCancellationRequested)
        {
            return Skip(url, e.Message);
        }
    }

    string? Skip(string url, string why)
    {
        logger.LogInformation("Left the image {Url} linked: {Reason}", url, why);
        return null;
    }

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
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)); // documentation
        }
        return false;
    }
}
