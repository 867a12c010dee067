using System.Globalization;
using System.Text;
using System.Xml;
using ShortScience.Contracts;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Browse;

/// <summary>ShortScience.org's old addresses (permanent redirects), the random summary, robots.txt and the sitemaps.</summary>
public static class BrowseEndpoints
{
    public static void MapBrowseEndpoints(this WebApplication app)
    {
        // ShortScience.org's /paper?bibtexKey=…: 301 to the paper when any key it was known by finds it; otherwise a
        // redirect to the "add this paper" page, never a 404. An endpoint, so an API outage gets the site's 503 page.
        app.MapGet("/paper", async (HttpContext context, SearchClient search) =>
        {
            var query = context.Request.Query;
            var id = (query["bibtexKey"].FirstOrDefault() ?? query["key"].FirstOrDefault())?.Trim();
            if (id is { Length: > 0 and <= Limits.PaperAliasChars } && await search.LookupPaperAsync(id, context.RequestAborted) is { } paper)
            {
                return Results.Redirect($"/papers/{Uri.EscapeDataString(paper.Key)}", permanent: true);
            }
            // Not here (yet): the page that offers to add it, never a 404.
            return Results.Redirect(id is { Length: > 0 and <= Limits.PaperAliasChars } ? "/papers/add?key=" + Uri.EscapeDataString(id) : "/papers/add");
        });
        app.MapGet("/venue", async (string? key, int? year, SearchClient search, CancellationToken ct) =>
            key is { Length: > 0 } && await search.LookupVenueAsync(key, ct) is { } venue
                ? Results.Redirect(year is null ? $"/venues/{venue.Slug}" : $"/venues/{venue.Slug}/{year}", permanent: true)
                : Results.NotFound());
        app.MapGet("/user", (string? name) => name is { Length: > 0 }
            ? Results.Redirect($"/users/{Uri.EscapeDataString(name)}", permanent: true)
            : Results.NotFound());
        app.MapGet("/random", async (string? field, HttpContext http, BrowseClient browse, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return await browse.GetRandomSummaryAsync(field, ct) is { } pick ? Results.Redirect(pick.Url) : Results.Redirect("/");
        });
        app.MapGet("/robots.txt", (HttpContext http, IConfiguration config) => Results.Text(
            $"User-agent: *\nDisallow: /account/\nDisallow: /api/\nDisallow: /search\nDisallow: /random\nDisallow: /add\n" +
            $"Disallow: /*/summarize\nDisallow: /*/edit\n\nSitemap: {Origin(http, config)}/sitemap.xml\n", "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", async (HttpContext http, IConfiguration config, BrowseClient browse, CancellationToken ct) =>
        {
            var index = await browse.GetSitemapIndexAsync(ct) ?? throw new ApiUnavailableException("The API has no sitemap index.");
            var origin = Origin(http, config);
            return Xml(w =>
            {
                w.WriteStartElement("sitemapindex", Namespace);
                Entry(w, "sitemap", $"{origin}/sitemaps/pages.xml", index.LastModified);
                for (var part = 0; part < index.PaperParts; part++) Entry(w, "sitemap", $"{origin}/sitemaps/papers-{part}.xml", index.LastModified);
                w.WriteEndElement();
            });
        });
        app.MapGet("/sitemaps/pages.xml", async (HttpContext http, IConfiguration config, BrowseClient browse, CancellationToken ct) =>
            Urls(Origin(http, config), await browse.GetSitemapPagesAsync(ct) ?? []));
        app.MapGet("/sitemaps/papers-{part:int}.xml", async (int part, HttpContext http, IConfiguration config, BrowseClient browse, CancellationToken ct) =>
            await browse.GetSitemapPapersAsync(part, ct) is { } entries ? Urls(Origin(http, config), entries) : Results.NotFound());
    }

    const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    static IResult Urls(string origin, List<SitemapEntry> entries) => Xml(w =>
    {
        w.WriteStartElement("urlset", Namespace);
        foreach (var e in entries) Entry(w, "url", origin + e.Path, e.LastModified);
        w.WriteEndElement();
    });

    static void Entry(XmlWriter w, string element, string location, DateTimeOffset? lastModified)
    {
        w.WriteStartElement(element, Namespace);
        w.WriteElementString("loc", Namespace, location);
        if (lastModified is { } at) w.WriteElementString("lastmod", Namespace, at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    static IResult Xml(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            w.WriteStartDocument();
            write(w);
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    static string Origin(HttpContext http, IConfiguration config) =>
        config["Site:PublicUrl"] is { Length: > 0 } site ? site.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";
}
