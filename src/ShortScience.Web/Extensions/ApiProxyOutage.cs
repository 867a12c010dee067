using Serilog.Core;
using Serilog.Events;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;
using Yarp.ReverseProxy.Forwarder;

namespace ShortScience.Web.Extensions;

/// <summary>
/// What the Web host passes through to the API (feeds, figures, /api itself) fails like a page when the API is away:
/// 503 with Retry-After, never the proxy's bare 502. Readers of feeds and figures get the readable "temporarily
/// unavailable" page (the exception takes the pages' path); API clients get RFC 7807 problem details. The failure is
/// logged once per outage by <see cref="ApiOutageLog"/>, as the pages' failures are. A request the proxy refuses
/// itself (a body over the Web host's limit) is answered to API clients as problem details too.
/// </summary>
public sealed class ApiProxyOutage(RequestDelegate next, ApiOutageLog outages)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error || context.Response.HasStarted) return;
        if (!Unreachable(error.Error))
        {
            await RefuseAsync(context);
            return;
        }

        var failure = new ApiUnavailableException($"The API did not answer {context.Request.Method} {context.Request.Path}.", error.Exception);
        if (!context.Request.Path.StartsWithSegments("/api")) throw failure;

        outages.Report(failure);
        context.Response.Clear();
        context.Response.Headers.RetryAfter = "30";
        await Results.Problem(
            title: "The service is temporarily unavailable",
            detail: "ShortScience could not reach its data service; try again shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    /// <summary>
    /// The proxy refused the request itself, with a status and no body: a request body over this host's limit (an
    /// upload sent without a length, cut off where the limit lies), or one the client broke off. API clients get problem
    /// details naming the limit, as the API's own refusals do, not the pages' HTML; elsewhere the status page shows.
    /// </summary>
    static async Task RefuseAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (!context.Request.Path.StartsWithSegments("/api") || status < 400 || context.RequestAborted.IsCancellationRequested) return;
        context.Response.Clear();
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            var detail = limit is { } bytes
                ? $"The request's body is larger than the {bytes / (1024 * 1024)} MB this address takes."
                : "The request's body is larger than this address takes.";
            await Results.Problem(statusCode: status, title: "Too large", detail: detail).ExecuteAsync(context);
            return;
        }
        await Results.Problem(statusCode: status, title: "The request could not be forwarded",
            detail: "Its body could not be read to the end; send it again.").ExecuteAsync(context);
    }

    /// <summary>The API could not be reached or did not answer: not a fault of the request or of its reader.</summary>
    static bool Unreachable(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations;

    /// <summary>
    /// The proxy's own warning for each such request (with its stack) is left out of the log: the outage is reported
    /// by <see cref="ApiOutageLog"/> instead. Its other warnings (a body cut off, a client gone) stay.
    /// </summary>
    public sealed class LogFilter : ILogEventFilter
    {
        public bool IsEnabled(LogEvent logEvent) =>
            !(logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Yarp.ReverseProxy.Forwarder.HttpForwarder" }
              && logEvent.Properties.TryGetValue("error", out var error) && error is ScalarValue { Value: var value }
              && Enum.TryParse<ForwarderError>(value?.ToString(), out var kind) && Unreachable(kind));
    }
}
