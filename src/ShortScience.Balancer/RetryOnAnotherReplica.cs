using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ShortScience.Balancer;

/// <summary>
/// A replica that died since the last health check fails the requests sent to it. Such a request is sent once more
/// to another ready replica instead of failing when that is safe: a GET or HEAD whose answer had not started, and
/// any request the replica refused to connect to (nothing of it reached the replica, so a write is not done twice; its
/// body is read only once a connection stands, so it is still there to send). A write that reached the dying replica
/// is not repeated: its outcome is unknown, and the visitor gets the error and decides.
/// </summary>
public sealed class RetryOnAnotherReplica(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows AvailableDestinations to the one it picked: remember every candidate first.
        var candidates = proxy.AvailableDestinations;
        var idempotent = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } error
            || context.Response.HasStarted)
        {
            return;
        }
        if (!idempotent && !Refused(error.Exception)) return;
        var failed = proxy.ProxiedDestination;
        var others = candidates.Where(d => d != failed && d.Health.Passive != DestinationHealth.Unhealthy).ToList();
        if (others.Count == 0) return;
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        proxy.AvailableDestinations = others;
        await next(context);
    }

    /// <summary>The replica refused the connection (or none could be made): nothing of the request reached it.</summary>
    static bool Refused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        }
        return false;
    }
}
