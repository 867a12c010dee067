using System.Reflection;
using Microsoft.AspNetCore.StaticAssets;

namespace ShortScience.Web.Extensions;

/// <summary>
/// KaTeX's fonts, which its stylesheet names by plain relative URLs (MapStaticAssets fingerprints only the URLs it
/// hands out itself, so it serves these for an hour at most, <c>no-cache</c> in Development, and a returning
/// reader's browser would ask again for every font). The build puts them in a folder named for KaTeX's version (ShortScience.Web.csproj),
/// so a font's URL never changes its content and can be cached for good.
/// </summary>
public static class KatexFonts
{
    const string Folder = "lib/katex/fonts/";
    public const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>KaTeX's version, from node_modules/katex at build time.</summary>
    public static readonly string Version = typeof(KatexFonts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KatexVersion").Value is { Length: > 0 } version
            ? version
            : throw new InvalidOperationException("The build did not record KaTeX's version (run `npm ci` at the repository root).");

    /// <summary>The URL of one font (<c>KaTeX_Main-Regular.woff2</c>), the same one the stylesheet asks for.</summary>
    static string Url(string file) => $"/{Folder}{Version}/{file}";

    /// <summary>
    /// The fonts a page with math preloads (text set in them stays invisible until they load, and the stylesheet
    /// would only ask for them after it is parsed and laid out): main, math italic and the delimiter sizes.
    /// </summary>
    public static readonly IReadOnlyList<string> Preloaded = [.. new[]
    {
        "KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2", "KaTeX_Size1-Regular.woff2", "KaTeX_Size3-Regular.woff2",
        "KaTeX_Size4-Regular.woff2",
    }.Select(Url)];

    /// <summary>Serves the versioned fonts with a year-long, immutable Cache-Control.</summary>
    public static void CacheKatexFontsForGood(this StaticAssetsEndpointConventionBuilder assets) =>
        assets.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RequestDelegate: { } serve } route
                || route.RoutePattern.RawText?.TrimStart('/').StartsWith($"{Folder}{Version}/", StringComparison.Ordinal) != true)
            {
                return;
            }
            endpoint.RequestDelegate = context =>
            {
                context.Response.OnStarting(() =>
                {
                    // A 304 renews what the browser stored, so it carries the same lifetime.
                    if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                    {
                        context.Response.Headers.CacheControl = CacheControl;
                    }
                    return Task.CompletedTask;
                });
                return serve(context);
            };
        });
}
