using System.Text.RegularExpressions;
using ShortScience.Contracts;
using ShortScience.Core.Search;

namespace ShortScience.Core.Rendering;

public enum CitationKind { Arxiv, Doi, Key }

/// <summary>A cited paper as written in <c>\cite{…}</c>, normalized: arXiv ids without version, DOIs in lower case.</summary>
public readonly record struct CitationId(CitationKind Kind, string Value)
{
    public override string ToString() => Kind switch
    {
        CitationKind.Arxiv => "arXiv:" + Value,
        CitationKind.Doi => "doi:" + Value,
        _ => Value,
    };
}

/// <summary>
/// <c>\cite{1406.2661}</c>, <c>\cite{arXiv:1406.2661}</c>, <c>\cite{doi:10.…}</c> and ShortScience's
/// <c>\cite{bibtexKey}</c>, several separated by commas. The API finds the ids with <see cref="FindIds"/>,
/// looks them up and passes what it knows in a <see cref="RenderContext"/>.
/// </summary>
public static partial class Citations
{
    internal const int MaxLength = 1000;

    /// <summary>Every id cited in the text (a superset: cites inside code are found too, and harmless).</summary>
    public static IReadOnlySet<CitationId> FindIds(string markdown)
    {
        var ids = new HashSet<CitationId>();
        foreach (Match match in CitePattern().Matches(markdown))
        {
            ids.UnionWith(Parse(match.Groups[1].Value));
        }
        return ids;
    }

    /// <summary>The ids in the braces of one \cite; empty when any of them is not a paper id.</summary>
    public static IReadOnlyList<CitationId> Parse(string list)
    {
        var ids = new List<CitationId>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseId(part) is not { } id) return [];
            ids.Add(id);
        }
        return ids;
    }

    public static CitationId? TryParseId(string text)
    {
        if (text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase)) return Arxiv(text[6..]);
        if (text.StartsWith("doi:", StringComparison.OrdinalIgnoreCase)) text = text[4..].Trim();
        if (CitationShapes.Doi().IsMatch(text)) return new CitationId(CitationKind.Doi, text.ToLowerInvariant());
        if (Arxiv(text) is { } arxiv) return arxiv;
        // Addresses pasted whole: https://doi.org/10.…, https://arxiv.org/abs/…, and DOIs with an escaped slash.
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains('%'))
        {
            if (Import.ArxivId.TryParse(text, out var fromUrl)) return new CitationId(CitationKind.Arxiv, fromUrl.Id.ToLowerInvariant());
            if (Import.Doi.TryNormalize(text, out var doi)) return new CitationId(CitationKind.Doi, doi);
        }
        return CitationShapes.Key().IsMatch(text) ? new CitationId(CitationKind.Key, text) : null;
    }

    static CitationId? Arxiv(string text)
    {
        var match = CitationShapes.ArxivId().Match(text.Trim());
        if (!match.Success) return null;
        // "math.GT/0309136": the subject class is not part of the identifier (arXiv and the papers here go without it).
        var id = Import.ArxivId.TryParse(match.Groups[1].Value, out var parsed) ? parsed.Id : match.Groups[1].Value;
        return new CitationId(CitationKind.Arxiv, id.ToLowerInvariant());
    }

    internal static bool IsCommand(ReadOnlySpan<char> name) => name is "cite" or "citep" or "citet";

    /// <summary>
    /// Where a citation links: the paper's page here when the site knows it; otherwise arXiv's abstract page for arXiv
    /// ids (dblp's <c>journals/corr/abs-…</c> keys included), doi.org for DOIs, and for any other key the page that
    /// offers to add the paper (never a page that does not exist).
    /// </summary>
    public static (string Href, string Text) Link(CitationId id, RenderContext context)
    {
        if (context.Papers.TryGetValue(id, out var paper)) return ("/papers/" + Uri.EscapeDataString(paper.Key), paper.Title);
        return id.Kind switch
        {
            CitationKind.Doi => ("https://doi.org/" + string.Join('/', id.Value.Split('/').Select(Uri.EscapeDataString)), id.ToString()),
            CitationKind.Arxiv => (ArxivAbs(id.Value), id.ToString()),
            _ when LegacyKeys.TryArxivId(id.Value, out var arxiv) => (ArxivAbs(arxiv.Id), id.ToString()),
            _ => ("/papers/add?key=" + Uri.EscapeDataString(id.Value), id.ToString()),
        };
    }

    static string ArxivAbs(string arxivId) => "https://arxiv.org/abs/" + string.Join('/', arxivId.Split('/').Select(Uri.EscapeDataString));

    // Line breaks inside the braces are allowed, as the Markdown parser allows them (a long list wraps).
    [GeneratedRegex(@"\\cite[pt]?\{([^{}]{1,1000})\}")]
    private static partial Regex CitePattern();
}
