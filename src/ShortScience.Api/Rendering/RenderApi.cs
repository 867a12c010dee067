using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Core.Contracts;
using ShortScience.Core.Rendering;

namespace ShortScience.Api.Rendering;

/// <summary>The editor's preview: the same pipeline as saving.</summary>
public static class RenderApi
{
    public static void MapRenderApi(this RouteGroupBuilder api) =>
        api.MapPost("/render", Render).WithTags("Rendering");

    static Results<Ok<RenderResponse>, ProblemHttpResult> Render(RenderRequest request, IMarkdownRenderer renderer) =>
        request.Markdown is { Length: > 100_000 }
            ? TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Text too long", detail: "At most 100,000 characters.")
            : TypedResults.Ok(new RenderResponse(renderer.Render(request.Markdown ?? "").Html));
}
