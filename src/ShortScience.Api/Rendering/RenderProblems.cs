using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Core.Rendering;

namespace ShortScience.Api.Rendering;

/// <summary>A refused render as an RFC 7807 answer: 413 too long, 422 too slow or too nested, 503 engines busy.</summary>
public static class RenderProblems
{
    public static ProblemHttpResult From(RenderRefusedException refused, HttpContext http)
    {
        var (status, title) = refused.Reason switch
        {
            RefusalReason.TooLong => (StatusCodes.Status413PayloadTooLarge, "Text too long"),
            RefusalReason.Busy => (StatusCodes.Status503ServiceUnavailable, "Renderer busy"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Text cannot be rendered"),
        };
        if (refused.Reason == RefusalReason.Busy) http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: status, title: title, detail: refused.Message,
            extensions: new Dictionary<string, object?> { ["reason"] = refused.Reason.ToString() });
    }
}

/// <summary>Turns a refused render anywhere in the API (saving a summary, a comment) into its problem detail.</summary>
public sealed class RenderRefusedHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not RenderRefusedException refused) return false;
        await RenderProblems.From(refused, http).ExecuteAsync(http);
        return true;
    }
}
