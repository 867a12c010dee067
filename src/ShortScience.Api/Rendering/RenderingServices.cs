using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ShortScience.Core.Rendering;

namespace ShortScience.Api.Rendering;

/// <summary>
/// The renderer and what surrounds it: configuration ("Rendering" section), citation lookup, the preview's
/// rate limit, problem details for refused texts, and the start-up re-render of stale stored HTML.
/// </summary>
public static class RenderingServices
{
    public const string PreviewPolicy = "render-preview";

    public static void AddRendering(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Rendering");
        var options = section.Get<RendererOptions>() ?? new RendererOptions();
        builder.Services.AddSingleton<IMarkdownRenderer>(_ => new MarkdownRenderer(options));
        builder.Services.AddScoped<CitationLookup>();
        builder.Services.AddScoped<ContentRenderer>();
        builder.Services.AddScoped<StaleContentRerenderer>();
        builder.Services.AddHostedService<RerenderOnStartService>();
        builder.Services.AddExceptionHandler<RenderRefusedHandler>();

        var permits = section.GetValue("PreviewPermitsPerMinute", 60);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PreviewPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = WriteTooManyRequestsAsync;
        });
    }

    /// <summary>429 with Retry-After and a problem detail, for every rate-limited endpoint.</summary>
    static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Slow down: try again in {seconds} s.").ExecuteAsync(http);
    }

    /// <summary>
    /// The client's address. Behind the Web host (YARP on loopback) every request comes from 127.0.0.1, so
    /// there the address YARP sets in X-Forwarded-For counts; from anywhere else the header is ignored.
    /// </summary>
    static string ClientAddress(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote)
            && http.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            return forwarded.Split(',')[^1].Trim();
        }
        return remote?.ToString() ?? "unknown";
    }
}
