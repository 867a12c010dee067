using Microsoft.AspNetCore.Diagnostics;
using ShortScience.Hosting;

namespace ShortScience.Web.Extensions;

/// <summary>
/// The error and not-found pages are shown by re-running the pipeline for /error or /not-found. For a failed
/// form post that re-run would be a POST too, and the page would try to read (and check) the failed form
/// again; showing a page is a GET.
/// </summary>
public sealed class ReExecuteAsGetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var reExecuted = context.Features.Get<IExceptionHandlerPathFeature>() is not null
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (reExecuted && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            HeadAsGetMiddleware.TakeGetPath(context); // the request log still names the method the client sent
            context.Request.ContentType = null;
            context.Request.ContentLength = 0;
            context.Request.Body = Stream.Null;
        }
        return next(context);
    }
}
