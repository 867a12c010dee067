using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ShortScience.Balancer;

/// <summary>
/// A replica that died since the last health check refuses the connection; the request never reached it, so a GET
/// or HEAD is sent once more to another ready replica instead of failing (a write is not repeated: the visitor gets
/// the error and decides).
/// </summary>
public sealed class RetryOnAnotherReplica(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var proxy = context.GetReverseProxyFeature();
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } ||
            context.Response.HasStarted || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return;
        }
        var failed = proxy.ProxiedDestination;
        var others = proxy.AvailableDestinations.Where(d => d != failed && d.Health.Passive != DestinationHealth.Unhealthy).ToList();
        if (others.Count == 0) return;
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        proxy.AvailableDestinations = others;
        await next(context);
    }
}
