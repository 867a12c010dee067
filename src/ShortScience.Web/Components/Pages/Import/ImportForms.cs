using ShortScience.Contracts;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Import;

/// <summary>
/// <c>GET /add/progress/{token}</c>: how far the person's .bib import has come, as JSON, for the add page's script to
/// show while the upload's answer is awaited (the page works without it: the browser's own wait). Before the import
/// has started (the file is still on its way) the answer is 204, not an error the browser would log.
/// </summary>
public static class ImportForms
{
    public static void MapImportForms(this WebApplication app)
    {
        app.MapGet("/add/progress/{token}", async (string token, HttpContext http, ImportClient import) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (!ImportProgressView.IsToken(token))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "That is not the name of an import.");
            }
            return await import.ProgressAsync(token, http.RequestAborted) is { } progress ? Results.Json(progress) : Results.NoContent();
        }).RequireAuthorization();
    }
}
