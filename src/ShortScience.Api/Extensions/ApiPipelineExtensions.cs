using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using ShortScience.Api.Health;
using ShortScience.Api.Papers;
using ShortScience.Api.Rendering;
using ShortScience.Api.Summaries;
using ShortScience.Api.Venues;

namespace ShortScience.Api.Extensions;

public static class ApiPipelineExtensions
{
    public static void UseApiPipeline(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
    }

    public static void MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });

        var v1 = app.MapGroup("/api/v1");
        v1.MapPapersApi();
        v1.MapVenuesApi();
        v1.MapSummariesApi();
        v1.MapRenderApi();

        // Anything else under /api is a JSON 404, never an HTML page.
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "No such API endpoint", detail: "See /openapi/v1.json for the endpoints this API serves."));
    }
}
