namespace ShortScience.Web.Extensions;

/// <summary>
/// Headers that keep user-written content inert even if something slipped past the sanitizer: no inline or
/// foreign script at all, no plugins, no framing, no base-URL tricks. Style attributes stay allowed because
/// KaTeX positions math with them (the sanitizer limits which properties they may hold). base-uri is 'self',
/// not 'none': Blazor resolves its own scripts and the interactive circuit against &lt;base href="/"&gt;, and
/// 'self' still refuses a base pointing anywhere else.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' https: http: data:; font-src 'self'; connect-src 'self'; media-src 'none'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; manifest-src 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            var type = context.Response.ContentType;
            if (type is null || type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = environment.IsProduction() ? ContentSecurityPolicy + "; upgrade-insecure-requests" : ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
