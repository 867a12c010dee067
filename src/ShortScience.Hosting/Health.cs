using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShortScience.Hosting;

/// <summary>
/// What a balancer asks both hosts: <c>/health/live</c> (the process answers: restart it if not) and
/// <c>/health/ready</c> (send it traffic: every registered check passes and the host is not shutting down).
/// </summary>
public static class Health
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";

    /// <summary>
    /// Graceful shutdown: on SIGTERM the host first says it is not ready and keeps serving for
    /// <c>Hosting:DrainSeconds</c> (so a balancer checking every few seconds stops sending it requests), then
    /// stops accepting connections and lets the requests in flight finish (<c>Hosting:ShutdownSeconds</c>).
    /// </summary>
    public static void AddDraining(this IServiceCollection services, IConfiguration configuration)
    {
        var drain = TimeSpan.FromSeconds(configuration.GetValue("Hosting:DrainSeconds", 0.0));
        var finish = TimeSpan.FromSeconds(configuration.GetValue("Hosting:ShutdownSeconds", 30.0));
        services.AddSingleton(provider => new Draining(drain, provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<Draining>>()));
        services.AddHostedService(provider => provider.GetRequiredService<Draining>());
        services.Configure<HostOptions>(options => options.ShutdownTimeout = drain + finish);
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining");
    }

    public static void MapHealthEndpoints(this WebApplication app, Func<HttpContext, HealthReport, Task>? writer = null)
    {
        writer ??= WriteAsync;
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = writer });
        app.MapHealthChecks(Ready, new HealthCheckOptions { ResponseWriter = writer });
    }

    static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }
}

/// <summary>Set once the host is asked to stop; readiness fails from then on while requests in flight finish.</summary>
public sealed class Draining(TimeSpan delay, IHostApplicationLifetime lifetime, ILogger<Draining> logger) : IHostedLifecycleService
{
    volatile bool _draining;

    public bool IsDraining => _draining || lifetime.ApplicationStopping.IsCancellationRequested;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (delay <= TimeSpan.Zero) return;
        logger.LogInformation("Draining: not ready, still serving for {Seconds} s before closing", delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown was forced; close now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DrainingHealthCheck(Draining draining) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining.IsDraining ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());
}
