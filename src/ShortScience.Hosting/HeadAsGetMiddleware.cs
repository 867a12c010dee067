using Microsoft.AspNetCore.Http;

namespace ShortScience.Hosting;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2), and link checkers, feed readers and crawlers use it to ask
/// whether a page, feed or API resource is there. Both hosts map their reads for GET only, so a HEAD request would
/// find no page (404) or be refused (405). This runs before routing (each host calls UseRouting after it) and lets a
/// HEAD request take the GET path; Kestrel keeps knowing the request as HEAD and sends the headers without the body.
/// </summary>
public sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    static readonly object Sent = new();

    /// <summary>
    /// The method the client sent, for the request log: HEAD where this middleware lets it take the GET path, POST
    /// where the Web host shows a failed form's error page (ReExecuteAsGetMiddleware).
    /// </summary>
    public static string SentMethod(HttpContext context) =>
        context.Items.TryGetValue(Sent, out var method) && method is string sent ? sent : context.Request.Method;

    /// <summary>Lets the request take the GET path, remembering the method the client sent (the first rewrite's).</summary>
    public static void TakeGetPath(HttpContext context)
    {
        context.Items.TryAdd(Sent, context.Request.Method);
        context.Request.Method = HttpMethods.Get;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        TakeGetPath(context);
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
        }
    }
}
