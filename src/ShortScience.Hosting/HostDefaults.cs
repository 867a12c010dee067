using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using ShortScience.Contracts;

namespace ShortScience.Hosting;

/// <summary>The wiring both hosts share, called from each host's AddXxxServices.</summary>
public static class HostDefaults
{
    /// <summary>
    /// Serilog from configuration (Serilog:MinimumLevel…), structured events on the console. Each host writes through
    /// its own logger and leaves the static <see cref="Log.Logger"/> alone: with the static one, the last host built
    /// in a process received every host's events, and disposing any host (Log.CloseAndFlush) silenced all the others.
    /// </summary>
    public static void AddSharedLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture),
            preserveStaticLogger: true);

    /// <summary>
    /// Serilog's one-line-per-request log, written through this host's logger (the middleware falls back to the static
    /// logger when none is given), naming the method the client sent (<see cref="HeadAsGetMiddleware.SentMethod"/>).
    /// </summary>
    public static void UseSharedRequestLogging(this WebApplication app, Action<Serilog.AspNetCore.RequestLoggingOptions>? configure = null) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<ILogger>();
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(HeadAsGetMiddleware.SentMethod(context))),
                new LogEventProperty("RequestPath", new ScalarValue(path)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            configure?.Invoke(options);
        });

    /// <summary>
    /// Output caches in memory by default; in Redis when <c>ConnectionStrings:Redis</c> is set: one store shared by every
    /// replica of the API and the Web host (same setting on both), so an eviction reaches them all. Call it before
    /// AddOutputCache.
    /// </summary>
    public static void AddSharedOutputCacheStore(this IServiceCollection services, IConfiguration configuration)
    {
        // Paths are keyed as sent: tags, names and keys are case-sensitive here, so /feeds/tags/nlp.rss (empty) must
        // not be served for /feeds/tags/NLP.rss (the framework folds case by default).
        services.Configure<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>(options => options.UseCaseSensitivePaths = true);
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } redis) return;
        services.AddStackExchangeRedisOutputCache(options =>
        {
            options.Configuration = redis;
            options.InstanceName = CacheTags.RedisInstance;
        });
    }

    /// <summary>RFC 7807 problem details for every error, carrying the request's trace id for the logs.</summary>
    public static void AddSharedProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);

    /// <summary>
    /// Trust X-Forwarded-* only from the proxies named in <c>{section}:TrustedProxies</c> (loopback always): the Web
    /// host in front of the API, a balancer in front of the Web host.
    /// </summary>
    public static void AddSharedForwardedHeaders(this IServiceCollection services, IConfiguration configuration, string section,
        ForwardedHeaders headers)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = headers;
            foreach (var proxy in configuration.GetSection($"{section}:TrustedProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
    }
}
