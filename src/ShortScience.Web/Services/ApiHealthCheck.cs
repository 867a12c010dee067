using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShortScience.Web.Services;

/// <summary>
/// The Web host is ready when the API answers: every page needs it. Asks the API's liveness (not its readiness), so a
/// database outage leaves the Web replicas in the balancer, showing their "try again shortly" page.
/// </summary>
public sealed class ApiHealthCheck(IHttpClientFactory clients) : IHealthCheck
{
    public const string Client = "api-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await clients.CreateClient(Client).GetAsync(ShortScience.Hosting.Health.Live, timeout.Token);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"the API answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the API did not answer", ex);
        }
    }
}
