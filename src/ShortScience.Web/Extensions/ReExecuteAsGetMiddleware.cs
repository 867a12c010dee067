using Microsoft.AspNetCore.Diagnostics;
using ShortScience.Hosting;

namespace ShortScience.Web.Extensions;

/// <summary>
/// The error and not-found pages are shown by re-running the pipeline for /error or /not-found. For a failed
/// form post that re-run would be a POST too, and the page would try to read (and check) the failed form
/// again; showing a page is a GET. The status-code page's re-run routes again: a PUT, DELETE or made-up method
/// switches to GET before it, or the re-run's routing would refuse the notice page for the same method (405) and the
/// answer would be empty.
/// </summary>
public sealed class ReExecuteAsGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var reExecuted = context.Features.Get<IExceptionHandlerPathFeature>() is not null
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (reExecuted && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) AsGet(context);
        await next(context);
        // The status-code page's re-run (below: a 4xx or 5xx without a body) runs routing again, with this method.
        var response = context.Response;
        if (!reExecuted && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            AsGet(context);
        }
    }

    static void AsGet(HttpContext context)
    {
        HeadAsGetMiddleware.TakeGetPath(context); // the request log still names the method the client sent
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Request.Body = Stream.Null;
    }
}
