using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace ShortScience.Balancer;

/// <summary>
/// A replica that died since the last health check fails the requests sent to it. Such a request is sent once more
/// to another ready replica instead of failing when that is safe: a GET or HEAD whose answer had not started, and
/// any request the replica refused to connect to (it never reached the replica, so a write is not done twice; its
/// body, at most <see cref="MaxReplayedBody"/>, is kept to be sent again). A write that reached the dying replica is
/// not repeated: its outcome is unknown, and the visitor gets the error and decides.
/// </summary>
public sealed class RetryOnAnotherReplica(RequestDelegate next)
{
    /// <summary>Request bodies up to this size are kept in memory so that a refused write can be sent again.</summary>
    public const int MaxReplayedBody = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows AvailableDestinations to the one it picked: remember every candidate first.
        var candidates = proxy.AvailableDestinations;
        var idempotent = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        var replayable = idempotent || context.Request.ContentLength is null or 0 || context.Request.ContentLength <= MaxReplayedBody;
        if (!idempotent && context.Request.ContentLength is > 0 and <= MaxReplayedBody)
            context.Request.EnableBuffering(MaxReplayedBody, MaxReplayedBody);

        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } error
            || context.Response.HasStarted || !replayable)
        {
            return;
        }
        if (!idempotent && !Refused(error.Exception)) return;
        var failed = proxy.ProxiedDestination;
        var others = candidates.Where(d => d != failed && d.Health.Passive != DestinationHealth.Unhealthy).ToList();
        if (others.Count == 0) return;
        if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
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
