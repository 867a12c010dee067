using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace ShortScience.Balancer;

/// <summary>Where the replicas are (<c>Balancer:Web</c>, <c>Balancer:Api</c>: base addresses) and how often to check them.</summary>
public sealed class BalancerSettings
{
    public string[] Web { get; set; } = [];
    public string[] Api { get; set; } = [];

    /// <summary>
    /// A second port of this balancer that sends everything to the API replicas: the Web replicas' <c>Api:BaseUrl</c>,
    /// so their calls to the API are spread too. 0: none.
    /// </summary>
    public int ApiPort { get; set; }

    public int HealthIntervalSeconds { get; set; } = 2;
}

/// <summary>
/// The routes: the public API paths (<c>/api</c>, <c>/feeds</c>, <c>/openapi</c>) straight to the API replicas; the
/// editor's Blazor circuit (<c>/_blazor</c>) to the Web replicas with a session-affinity cookie, because a circuit's
/// state lives in one process; every other request to any ready Web replica, round-robin.
/// </summary>
public static class BalancerRoutes
{
    public const string AffinityCookie = "shortscience-replica";

    /// <summary>The route of <see cref="BalancerSettings.ApiPort"/>: everything that comes in there goes to the API replicas.</summary>
    public const string ApiPortRoute = "api-port";

    public static IReadOnlyList<RouteConfig> Routes(BalancerSettings settings)
    {
        var routes = new List<RouteConfig>
        {
            new() { RouteId = "api", ClusterId = "api", Order = 1, Match = new() { Path = "/api/{**rest}" } },
            new() { RouteId = "feeds", ClusterId = "api", Order = 1, Match = new() { Path = "/feeds/{**rest}" } },
            new() { RouteId = "openapi", ClusterId = "api", Order = 1, Match = new() { Path = "/openapi/{**rest}" } },
            new() { RouteId = "circuit", ClusterId = "web-circuit", Order = 1, Match = new() { Path = "/_blazor/{**rest}" } },
            new() { RouteId = "web", ClusterId = "web", Order = 100, Match = new() { Path = "/{**rest}" } },
        };
        if (settings.ApiPort > 0)
        {
            // Before this balancer's own /health endpoints too: on this port they are the API's. Taken by the port the
            // connection came in on, not by the Host header (ApiPortPolicy). The Web replicas' X-Forwarded-For, naming the
            // visitor, goes on as it came: set to the Web replica's address, every visitor would share one rate limit.
            routes.Add(new()
            {
                RouteId = ApiPortRoute, ClusterId = "api", Order = -1, Match = new() { Path = "/{**rest}" },
                Transforms = [new Dictionary<string, string> { ["X-Forwarded"] = "Set", ["For"] = "Off" }],
            });
        }
        return routes;
    }

    public static IReadOnlyList<ClusterConfig> Clusters(BalancerSettings settings) =>
    [
        Cluster("api", settings.Api, settings, affinity: false),
        Cluster("web", settings.Web, settings, affinity: false),
        Cluster("web-circuit", settings.Web, settings, affinity: true),
    ];

    static ClusterConfig Cluster(string id, string[] addresses, BalancerSettings settings, bool affinity) => new()
    {
        ClusterId = id,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        Destinations = addresses.Select((address, i) => (address, i))
            .ToDictionary(d => $"{id}-{d.i}", d => new DestinationConfig { Address = d.address }),
        SessionAffinity = affinity
            ? new SessionAffinityConfig
            {
                Enabled = true, Policy = SessionAffinityConstants.Policies.Cookie, AffinityKeyName = AffinityCookie,
                // The replica a circuit lived on is gone: pick another; the editor reconnects there and its draft
                // is safe on the server (autosave).
                FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true },
            }
            : null,
        HealthCheck = new HealthCheckConfig
        {
            // When no replica is ready (the primary database is down, so no API replica is), send to them all rather
            // than answer 503 here: the API still serves reads from its standbys and answers writes itself.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            // Asked every few seconds: a replica not ready (starting, draining, no database or API) gets no requests.
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true, Interval = TimeSpan.FromSeconds(settings.HealthIntervalSeconds), Timeout = TimeSpan.FromSeconds(2),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures, Path = "/health/ready",
            },
            // A replica that stops answering is set aside at once, and asked again by the active check.
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(settings.HealthIntervalSeconds),
            },
        },
        Metadata = new Dictionary<string, string> { [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = "1" },
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) },
    };
}
