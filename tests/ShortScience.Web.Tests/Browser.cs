using Microsoft.Playwright;

namespace ShortScience.Web.Tests;

/// <summary>Debian's Chromium driven by Playwright (its own browser download is not reachable here).</summary>
public sealed class Browser : IAsyncLifetime
{
    IPlaywright? _playwright;
    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
                // Headless Chromium still builds its omnibox popups (WebUI pages in a renderer of their own) for every
                // new window: the AI-mode one costs ≈ 370 ms of CPU while the window's first page loads. A visitor's
                // browser built it when its window opened; tests never use it.
                "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
            ],
        });
    }

    /// <summary>Requests the pages made to other hosts (summaries link images on the web); answered locally.</summary>
    public List<string> ExternalRequests { get; } = [];

    // A 1×1 transparent PNG stands in for every external image: this machine has no way out.
    static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    /// <summary>A fresh page that records console errors and failed requests, so tests can insist on none.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Instance.NewContextAsync(options);
        var errors = new List<string>();
        return (await TabAsync(context, errors), errors);
    }

    /// <summary>Another tab in the same browser profile (same cookies), reporting into the same error list.</summary>
    public async Task<IPage> TabAsync(IBrowserContext context, List<string> errors)
    {
        var page = await context.NewPageAsync();
        await page.RouteAsync(url => !IsLocal(url), async route =>
        {
            lock (ExternalRequests) ExternalRequests.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Pixel });
        });
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // The browser cancelled it (a navigation away while the page's scripts or images still loaded, a
            // navigation superseded by another): aborted, not broken. A server error is a response, not a failure.
            if (request.Failure == "net::ERR_ABORTED") return;
            errors.Add($"request failed: {request.Method} {request.Url} {request.Failure} {request.ResourceType}");
        };
        return page;
    }

    static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Scheme is "data" or "blob" or "about");

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
