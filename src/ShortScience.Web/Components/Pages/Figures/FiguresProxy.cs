using System.Net.Http.Headers;
using ShortScience.Web.Services;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace ShortScience.Web.Components.Pages.Figures;

/// <summary>
/// Figures through the Web origin. <c>GET /figures/…</c> is forwarded to the API as it is (streamed, with the API's
/// immutable caching headers). <c>POST /api/v1/figures</c> from the editor carries the visitor's session cookie; the
/// forwarder turns it into the person's API token, but only for a request that also carries
/// <see cref="UploadHeader"/>: a header a cross-site form cannot send, so another site cannot upload as the visitor.
/// </summary>
public static class FiguresProxy
{
    public const string UploadRoute = "figures-upload";
    public const string FilesRoute = "figures";
    public const string UploadPath = "/api/v1/figures";
    public const string UploadHeader = "X-ShortScience-Upload";

    public static void AddFigureTransforms(TransformBuilderContext context)
    {
        if (context.Route.RouteId != UploadRoute) return;
        context.AddRequestTransform(transform =>
        {
            var http = transform.HttpContext;
            transform.ProxyRequest.Headers.Remove(UploadHeader);
            if (http.Request.Headers[UploadHeader] == "1"
                && http.User.Identity?.IsAuthenticated == true
                && http.User.FindFirst(UserClaims.AccessToken)?.Value is { Length: > 0 } token)
            {
                transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// An upload declared larger than the API takes is answered here (413 problem), before the Web host reads or
    /// forwards a byte of it.
    /// </summary>
    public static IApplicationBuilder UseFigureUploadLimit(this IApplicationBuilder app, IConfiguration configuration)
    {
        var limit = configuration.GetValue("Figures:MaxUploadBytes", 10L * 1024 * 1024);
        return app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.Equals(UploadPath, StringComparison.OrdinalIgnoreCase))
            {
                if (context.Request.ContentLength > limit + 64 * 1024)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await Results.Problem(statusCode: 413, title: "Too large",
                        detail: $"Figures are limited to {limit / (1024 * 1024)} MB.").ExecuteAsync(context);
                    return;
                }
                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                    size.MaxRequestBodySize = limit + 64 * 1024;
            }
            await next(context);
        });
    }
}
