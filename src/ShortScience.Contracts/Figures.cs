using System.Text.RegularExpressions;

namespace ShortScience.Contracts;

/// <summary>The answer to an upload: where the figure is served on the public Web origin and its size.</summary>
public sealed record FigureUploaded(string Url, int Width, int Height, long Bytes);

/// <summary>One of a person's uploaded figures, as listed in their data export.</summary>
public sealed record MyFigure(string Url, int Width, int Height, long Bytes, DateTimeOffset UploadedAt);

/// <summary>
/// The names of stored figures. A figure is content-addressed: <c>/figures/{hash}.webp</c> is the full-size image,
/// <c>/figures/{hash}-column.webp</c> the width of the reading column (the full size when it is no wider).
/// </summary>
public static partial class FigureLinks
{
    public const string Prefix = "/figures/";
    public const string Original = "original";
    public const string Column = "column";

    /// <summary>Hex characters of a figure's hash (128 bits of SHA-256).</summary>
    public const int HashLength = 32;

    public static string Url(string hash, string variant = Original) =>
        variant == Column ? $"{Prefix}{hash}-column.webp" : $"{Prefix}{hash}.webp";

    /// <summary>Reads <c>{hash}</c> or <c>{hash}-column</c> (the route's name before <c>.webp</c>).</summary>
    public static bool TryParseName(string? name, out string hash, out string variant)
    {
        hash = ""; variant = Original;
        if (name is null) return false;
        if (name.EndsWith("-column", StringComparison.Ordinal)) { variant = Column; name = name[..^"-column".Length]; }
        if (!IsHash(name)) return false;
        hash = name;
        return true;
    }

    public static bool IsHash(string? value) => value is { Length: HashLength } && HashPattern().IsMatch(value);

    /// <summary>The hash of a site figure address (relative, or absolute on <paramref name="siteOrigin"/>), else null.</summary>
    public static string? HashOf(string? url, string? siteOrigin = null)
    {
        if (string.IsNullOrEmpty(url)) return null;
        if (siteOrigin is { Length: > 0 } && url.StartsWith(siteOrigin.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            url = url[siteOrigin.TrimEnd('/').Length..];
        var match = PathPattern().Match(url);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Every figure hash a text mentions (Markdown or HTML), in order of first mention.</summary>
    public static IReadOnlyList<string> HashesIn(string? text) =>
        string.IsNullOrEmpty(text) ? [] : MentionPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex("^/figures/([0-9a-f]{32})(?:-column)?\\.webp$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("/figures/([0-9a-f]{32})(?:-column)?\\.webp")]
    private static partial Regex MentionPattern();
}
