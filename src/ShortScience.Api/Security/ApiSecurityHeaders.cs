namespace ShortScience.Api.Security;

/// <summary>The API serves data, never pages: nothing it sends may be rendered as a document or framed.</summary>
public sealed class ApiSecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            // Figures say "cross-origin" themselves: feed readers on other sites show them.
            if (!headers.ContainsKey("Cross-Origin-Resource-Policy")) headers["Cross-Origin-Resource-Policy"] = "same-site";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
