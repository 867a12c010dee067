namespace ShortScience.Web.Extensions;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2), and link checkers, feed readers and crawlers use it to ask
/// whether a page or feed is there. Pages, downloads and the proxied feeds are mapped for GET only, so a HEAD
/// request would find no page (404) or be refused (405). This runs before routing and lets a HEAD request take
/// the GET path; Kestrel keeps knowing the request as HEAD and sends the headers without the body.
/// </summary>
public sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    static readonly object AsHead = new();

    /// <summary>The method the client sent (HEAD where this middleware lets it take the GET path), for the request log.</summary>
    public static string SentMethod(HttpContext context) =>
        context.Items.ContainsKey(AsHead) ? HttpMethods.Head : context.Request.Method;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        context.Items[AsHead] = true;
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
