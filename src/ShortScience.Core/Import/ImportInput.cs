using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

public enum InputKind { Unknown, Arxiv, Doi, Bibtex }

/// <summary>What a person pasted into the one "add a paper" box: an arXiv id or URL, a DOI or URL, or BibTeX.</summary>
public sealed partial record ImportInput(InputKind Kind, string Value)
{
    public static ImportInput Detect(string? text)
    {
        var s = text?.Trim() ?? "";
        if (s.Length == 0) return new(InputKind.Unknown, "");
        if (BibtexStart().IsMatch(s)) return new(InputKind.Bibtex, s);
        if (ArxivId.TryParse(s, out var arxiv)) return new(InputKind.Arxiv, arxiv.Id);
        if (Doi.TryNormalize(s, out var doi)) return new(InputKind.Doi, doi);

        // A publisher's or preprint server's page address often holds the DOI.
        var inUrl = DoiInUrl().Match(s);
        if (s.StartsWith("http", StringComparison.OrdinalIgnoreCase) && inUrl.Success)
        {
            var candidate = inUrl.Value;
            if (s.Contains("biorxiv.org", StringComparison.OrdinalIgnoreCase) || s.Contains("medrxiv.org", StringComparison.OrdinalIgnoreCase))
            {
                candidate = ServerVersion().Replace(candidate, "");
            }
            if (Doi.TryNormalize(candidate, out doi)) return new(InputKind.Doi, doi);
        }
        return new(InputKind.Unknown, s);
    }

    [GeneratedRegex(@"^(?:%[^\n]*\n\s*)*@\s*[A-Za-z]+\s*[{(]")]
    private static partial Regex BibtexStart();

    [GeneratedRegex(@"10\.\d{4,9}/[^\s?#]+")]
    private static partial Regex DoiInUrl();

    [GeneratedRegex(@"v\d+(?:\.full(?:\.pdf)?)?$")]
    private static partial Regex ServerVersion();
}
