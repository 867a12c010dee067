using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Papers;

public static class PapersEndpoints
{
    const string Bibtex = "application/x-bibtex; charset=utf-8";

    /// <summary>
    /// BibTeX files for reference managers: /papers/{key}.bib (one paper, for "Cite"), and the listings
    /// /venues/{slug}/{year}.bib and /users/{name}.bib.
    /// </summary>
    public static void MapPapersEndpoints(this WebApplication app)
    {
        app.MapGet("/papers/{key}.bib", async (string key, PapersClient papers, CancellationToken ct) =>
            await papers.GetBibtexAsync(key, ct) is { } bib ? Results.File(bib, Bibtex, $"{key}.bib") : Results.NotFound());
        app.MapGet("/venues/{slug}/{year:int}.bib", async (string slug, int year, PapersClient papers, CancellationToken ct) =>
            await papers.GetListingBibtexAsync($"api/v1/venues/{Uri.EscapeDataString(slug)}/{year}/bibtex", ct) is { } bib
                ? Results.File(bib, Bibtex, $"{slug}-{year}.bib") : Results.NotFound());
        app.MapGet("/users/{name}.bib", async (string name, PapersClient papers, CancellationToken ct) =>
            await papers.GetListingBibtexAsync($"api/v1/users/{Uri.EscapeDataString(name)}/bibtex", ct) is { } bib
                ? Results.File(bib, Bibtex, $"{name}.bib") : Results.NotFound());
    }
}
