using ShortScience.Contracts;
using ShortScience.Web.Extensions;
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
        // A paper's questions live on its page: their own addresses (guessed, or linked from elsewhere) lead there.
        app.MapGet("/papers/{key}/questions", (string key) => Results.Redirect($"/papers/{E(Links.SegmentValue(key))}#questions", permanent: true));
        app.MapGet("/papers/{key}/questions/{id:long}", (string key, long id) =>
            Results.Redirect($"/papers/{E(Links.SegmentValue(key))}#question-{id}", permanent: true));
        foreach (var (extension, contentType) in Formats)
        {
            var suffix = ApiSuffix(extension);
            app.MapGet($"/venues/{{slug}}/{{year:int}}.{extension}", (string slug, int year, HttpContext http, PapersClient papers, CancellationToken ct) =>
                Listing(http, papers, $"api/v1/venues/{E(slug)}/{year}/{suffix}", contentType, FileName($"{slug}-{year}", extension), ct));
            app.MapGet($"/users/{{name}}.{extension}", (string name, HttpContext http, PapersClient papers, CancellationToken ct) =>
                Listing(http, papers, $"api/v1/users/{E(name)}/{suffix}", contentType, FileName(name, extension), ct));
            app.MapGet($"/years/{{year:int}}.{extension}", (int year, HttpContext http, PapersClient papers, CancellationToken ct) =>
                Listing(http, papers, $"api/v1/years/{year}/{suffix}", contentType, FileName($"{year}", extension), ct));
            app.MapGet($"/tags/{{tag}}.{extension}", (string tag, HttpContext http, PapersClient papers, CancellationToken ct) =>
                Listing(http, papers, $"api/v1/tags/{E(tag)}/{suffix}", contentType, FileName(tag, extension), ct));
            app.MapGet($"/authors/{{slug}}.{extension}", (string slug, HttpContext http, PapersClient papers, CancellationToken ct) =>
                Listing(http, papers, $"api/v1/authors/{E(slug)}/{suffix}", contentType, FileName(slug, extension), ct));
            // The search page's query and filters go to the API as they came, so the file holds what the page lists.
            app.MapGet($"/search.{extension}", (string? q, HttpRequest request, PapersClient papers, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(q)
                    // Nothing to export without a query: the search page, where one is typed.
                    ? Task.FromResult(Results.Redirect("/search"))
                    : Listing(request.HttpContext, papers, $"api/v1/search/{suffix}{request.QueryString}", contentType, $"search.{extension}", ct));
        }
    }

    /// <summary>The listing's file, or the API's refusal as a readable page: 404 for nothing there, 400 with its reason.</summary>
    static async Task<IResult> Listing(HttpContext http, PapersClient papers, string path, string contentType, string fileName, CancellationToken ct)
    {
        var export = await papers.GetListingExportAsync(path, ct);
        if (export.Value is { } file) return Results.File(file, contentType, fileName);
        if (export.Problem is { Status: not 404 } problem)
        {
            if (problem.Detail is { Length: > 0 } reason) RequestProblems.Explain(http, reason);
            return Results.StatusCode(problem.Status is >= 400 and < 500 ? problem.Status : StatusCodes.Status400BadRequest);
        }
        return Results.NotFound();
    }

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
