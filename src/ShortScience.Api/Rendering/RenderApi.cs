using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Rendering;

namespace ShortScience.Api.Rendering;

public static class RenderApi
{
    public static RouteGroupBuilder MapRenderApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/render").WithTags("Rendering").RequireRateLimiting(RateLimits.Preview);
        group.MapPost("/", Render).WithName("RenderPreview")
            .WithSummary("Renders Markdown exactly as saving would, for the editor's preview.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    static async Task<Results<Ok<RenderResponse>, ProblemHttpResult>> Render(
        RenderRequest request, ContentRenderer renderer, HttpContext http, CancellationToken ct)
    {
        if (request.Markdown is null) return Problems.BadRequest("markdown is required.", "markdown");
        try
        {
            var rendered = await renderer.RenderAsync(request.Markdown, ct);
            return TypedResults.Ok(new RenderResponse(rendered.Html));
        }
        catch (RenderRefusedException refused)
        {
            return RenderProblems.From(refused, http);
        }
    }
}
