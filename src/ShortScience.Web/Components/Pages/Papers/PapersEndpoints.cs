using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Papers;

public static class PapersEndpoints
{
    const string Bibtex = "application/x-bibtex; charset=utf-8";

    /// <summary>The listing file formats: extension on the site, content type (the API's route suffix is in <see cref="ApiSuffix"/>).</summary>
    public static readonly (string Extension, string ContentType)[] Formats =
    [
        ("bib", Bibtex),
        ("ris", "application/x-research-info-systems; charset=utf-8"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
    ];

    static string ApiSuffix(string extension) => extension switch { "bib" => "bibtex", "ris" => "ris", _ => "csl" };

    /// <summary>
    /// Files for reference managers: /papers/{key}.bib (one paper, for "Cite"), and every listing — venue-year, year,
    /// tag, author, user and search (<c>/search.bib?q=…</c>) — as BibTeX (.bib), RIS (.ris) and CSL-JSON (.json).
    /// </summary>
    public static void MapPapersEndpoints(this WebApplication app)
    {
        app.MapGet("/papers/{key}.bib", async (string key, PapersClient papers, CancellationToken ct) =>
            await papers.GetBibtexAsync(key, ct) is { } bib ? Results.File(bib, Bibtex, FileName(key, "bib")) : Results.NotFound());
        foreach (var (extension, contentType) in Formats)
        {
            var suffix = ApiSuffix(extension);
            app.MapGet($"/venues/{{slug}}/{{year:int}}.{extension}", (string slug, int year, PapersClient papers, CancellationToken ct) =>
                Listing(papers, $"api/v1/venues/{E(slug)}/{year}/{suffix}", contentType, FileName($"{slug}-{year}", extension), ct));
            app.MapGet($"/users/{{name}}.{extension}", (string name, PapersClient papers, CancellationToken ct) =>
                Listing(papers, $"api/v1/users/{E(name)}/{suffix}", contentType, FileName(name, extension), ct));
            app.MapGet($"/years/{{year:int}}.{extension}", (int year, PapersClient papers, CancellationToken ct) =>
                Listing(papers, $"api/v1/years/{year}/{suffix}", contentType, FileName($"{year}", extension), ct));
            app.MapGet($"/tags/{{tag}}.{extension}", (string tag, PapersClient papers, CancellationToken ct) =>
                Listing(papers, $"api/v1/tags/{E(tag)}/{suffix}", contentType, FileName(tag, extension), ct));
            app.MapGet($"/authors/{{slug}}.{extension}", (string slug, PapersClient papers, CancellationToken ct) =>
                Listing(papers, $"api/v1/authors/{E(slug)}/{suffix}", contentType, FileName(slug, extension), ct));
            // The search page's query and filters go to the API as they came, so the file holds what the page lists.
            app.MapGet($"/search.{extension}", (string? q, HttpRequest request, PapersClient papers, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(q)
                    // Nothing to export without a query: the search page, where one is typed.
                    ? Task.FromResult(Results.Redirect("/search"))
                    : Listing(papers, $"api/v1/search/{suffix}{request.QueryString}", contentType, $"search.{extension}", ct));
        }
    }

    static async Task<IResult> Listing(PapersClient papers, string path, string contentType, string fileName, CancellationToken ct) =>
        await papers.GetListingExportAsync(path, ct) is { } file ? Results.File(file, contentType, fileName) : Results.NotFound();

    static string E(string value) => Uri.EscapeDataString(value);

    /// <summary>
    /// A download's name from what the address named (a tag, a key, a person): letters, digits, '.', '-' and '_' kept,
    /// every other run of characters one '-', so no control character or quote reaches the Content-Disposition header.
    /// </summary>
    internal static string FileName(string stem, string extension)
    {
        var name = new System.Text.StringBuilder(Math.Min(stem.Length, 80));
        foreach (var c in stem)
        {
            if (name.Length >= 80) break;
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
            if (keep) name.Append(c);
            else if (name.Length > 0 && name[^1] != '-') name.Append('-');
        }
        var clean = name.ToString().Trim('-', '.');
        return $"{(clean.Length == 0 ? "shortscience" : clean)}.{extension}";
    }
}
