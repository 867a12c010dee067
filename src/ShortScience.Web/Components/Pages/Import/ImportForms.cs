using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Import;

/// <summary>
/// <c>GET /add/progress/{token}</c>: how far the person's .bib import has come, as JSON, for the add page's script to
/// show while the upload's answer is awaited (the page works without it: the browser's own wait).
/// </summary>
public static class ImportForms
{
    public static void MapImportForms(this WebApplication app)
    {
        app.MapGet("/add/progress/{token}", async (string token, HttpContext http, ImportClient import) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return await import.ProgressAsync(token, http.RequestAborted) is { } progress
                ? Results.Json(progress)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No import of yours goes by that name (yet).");
        }).RequireAuthorization();
    }
}
