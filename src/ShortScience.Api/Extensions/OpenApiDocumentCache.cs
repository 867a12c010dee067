using System.Collections.Concurrent;
using ShortScience.Hosting;

namespace ShortScience.Api.Extensions;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) describes the code, so within one process it is the same for every
/// request and every caller; ASP.NET Core builds it anew each time (reflection over every endpoint: hundreds of
/// milliseconds on a busy machine). The first successful build is kept and served from memory after that. Only
/// documents that exist are kept (a 404 for a made-up name is not), so junk addresses cannot fill it.
/// </summary>
public sealed class OpenApiDocumentCache(RequestDelegate next)
{
    const int MaxDocuments = 8;
    readonly ConcurrentDictionary<string, (string ContentType, byte[] Bytes)> _documents = new(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        // HEAD has taken the GET path by now (HeadAsGetMiddleware); a kept document's answer leaves the body out itself.
        var isGet = HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(HeadAsGetMiddleware.SentMethod(context));
        if (!HttpMethods.IsGet(request.Method) || path is null
            || !path.StartsWith("/openapi/", StringComparison.OrdinalIgnoreCase) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        if (_documents.TryGetValue(path, out var kept))
        {
            context.Response.ContentType = kept.ContentType;
            context.Response.ContentLength = kept.Bytes.Length;
            if (isGet) await context.Response.Body.WriteAsync(kept.Bytes, context.RequestAborted);
            return;
        }
        if (!isGet)
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK && _documents.Count < MaxDocuments)
            _documents.TryAdd(path, (context.Response.ContentType ?? "application/json; charset=utf-8", bytes));
        await original.WriteAsync(bytes, context.RequestAborted);
    }
}
