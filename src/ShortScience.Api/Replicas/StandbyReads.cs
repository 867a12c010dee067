using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ShortScience.Api.Security;
using ShortScience.Data;

namespace ShortScience.Api.Replicas;

/// <summary>Marks an endpoint whose GETs may be answered from a standby a little behind the primary.</summary>
public sealed class StandbyReadable
{
    public static readonly StandbyReadable Instance = new();
}

public static class StandbyReadsExtensions
{
    /// <summary>
    /// This endpoint's (or group's) GET and HEAD requests tolerate a copy up to the lag limit behind: public pages,
    /// listings, feeds, search. Its other methods always go to the primary.
    /// </summary>
    public static TBuilder ReadsFromStandby<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(StandbyReadable.Instance);

    public static void AddStandbyReads(this WebApplicationBuilder builder)
    {
        if (!StandbyReads.Configured(builder.Configuration)) return;
        builder.Services.Configure<StandbyOptions>(builder.Configuration.GetSection("Database:Standby"));
        builder.Services.AddSingleton<PrimaryPin>();
        builder.Services.AddSingleton<StandbyMonitor>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StandbyMonitor>());
        // Caches refilled from a standby that had not yet replayed a write are emptied again once it has.
        builder.Services.AddHostedService<StandbySettling>();
        builder.Services.AddHealthChecks().AddCheck<StandbyHealthCheck>("standby", tags: ["standby"]);
    }

    /// <summary>Early in the pipeline: before anything in the request resolves the database context.</summary>
    public static void UseStandbyReads(this WebApplication app)
    {
        if (StandbyReads.Configured(app.Configuration)) app.UseMiddleware<StandbyReads>();
    }
}

/// <summary>
/// Sends a request to the standbys when it only reads, its endpoint tolerates lag, its client has not just written
/// (no live <see cref="PrimaryPin"/>) and the standbys are usable (<see cref="StandbyMonitor"/>). A standby read that
/// fails because the standby went away is run again on the primary, so the reader never sees the outage. Every
/// successful write hands its client a pin.
/// </summary>
public sealed class StandbyReads(RequestDelegate next, StandbyMonitor monitor, PrimaryPin pins, IServiceScopeFactory scopes,
    ILogger<StandbyReads> logger)
{
    public const string ConnectionStringName = "ShortScienceStandby";

    public static bool Configured(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
        {
            // A write: whatever it changed, the same client reads it back from the primary for a while.
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode < 400) pins.Issue(context.Response);
                return Task.CompletedTask;
            });
            await next(context);
            return;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<StandbyReadable>() is null || !monitor.Usable || pins.IsPinned(request))
        {
            await next(context);
            return;
        }

        context.RequestServices.GetRequiredService<DatabaseRoute>().Standby = true;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseUnavailable.IsOutage(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Standby read of {Path} failed ({Reason}); reading from the primary", request.Path, ex.GetBaseException().Message);
            monitor.ReportFailure();
            context.Response.Clear();
            var original = context.RequestServices;
            await using var scope = scopes.CreateAsyncScope(); // a fresh scope routes to the primary
            context.RequestServices = scope.ServiceProvider;
            try
            {
                await next(context);
            }
            finally
            {
                context.RequestServices = original;
            }
        }
    }
}

/// <summary>
/// Read-your-writes across replicas with no shared state: after a write the API answers with a
/// <c>ShortScience-Primary-Pin</c> header, a token sealed with the API's Data Protection keys (kept in PostgreSQL, so
/// every replica can open it) that expires after <see cref="StandbyOptions.PinSeconds"/>. A client sending it back
/// reads from the primary until then. A forged or expired token is ignored; the worst a client can do with it is
/// read from the primary.
/// </summary>
public sealed class PrimaryPin(IDataProtectionProvider keys, IOptions<StandbyOptions> options)
{
    public const string Header = "ShortScience-Primary-Pin";
    const string Content = "primary";
    readonly ITimeLimitedDataProtector _protector = keys.CreateProtector("ShortScience.PrimaryPin").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.PinSeconds);

    public void Issue(HttpResponse response) => response.Headers[Header] = _protector.Protect(Content, Lifetime);

    public bool IsPinned(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is not { Length: > 0 and < 1024 } token) return false;
        try
        {
            return _protector.Unprotect(token, out _) == Content;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false; // forged, expired or sealed with a key this site no longer has
        }
    }
}
