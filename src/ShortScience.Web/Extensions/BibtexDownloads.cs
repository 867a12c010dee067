using System.Text;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

public static class BibtexDownloads
{
    /// <summary>/papers/{key}.bib: the paper's BibTeX entry as a file, for reference managers and "Cite".</summary>
    public static void MapBibtexDownloads(this WebApplication app) =>
        app.MapGet("/papers/{key}.bib", async (string key, ImportClient api, CancellationToken ct) =>
            await api.BibtexAsync(key, ct) is { } bib
                ? Results.File(Encoding.UTF8.GetBytes(bib), "application/x-bibtex; charset=utf-8", $"{key}.bib")
                : Results.NotFound());
}
