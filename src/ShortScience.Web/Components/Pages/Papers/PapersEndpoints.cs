using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Papers;

public static class PapersEndpoints
{
    /// <summary>/papers/{key}.bib: the paper's BibTeX entry as a file, for reference managers and "Cite".</summary>
    public static void MapPapersEndpoints(this WebApplication app) =>
        app.MapGet("/papers/{key}.bib", async (string key, PapersClient papers, CancellationToken ct) =>
            await papers.GetBibtexAsync(key, ct) is { } bib
                ? Results.File(bib, "application/x-bibtex; charset=utf-8", $"{key}.bib")
                : Results.NotFound());
}
