using Microsoft.AspNetCore.Routing.Matching;
using Yarp.ReverseProxy.Model;

namespace ShortScience.Balancer;

/// <summary>
/// Chooses the API port's route (<see cref="BalancerRoutes.ApiPortRoute"/>) by the port the connection came in on,
/// never by the Host header, which anyone can write: a visitor on the public port naming the API port in Host gets the
/// public routes (not the API's internal paths), and on the API port every request goes to the API, whatever Host it
/// names.
/// </summary>
public sealed class ApiPortPolicy(int apiPort) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => apiPort > 0;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onApiPort = httpContext.Connection.LocalPort == apiPort;
        for (var i = 0; i < candidates.Count; i++)
        {
            var apiPortRoute = candidates[i].Endpoint.Metadata.GetMetadata<RouteModel>()?.Config.RouteId == BalancerRoutes.ApiPortRoute;
            if (apiPortRoute != onApiPort) candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
