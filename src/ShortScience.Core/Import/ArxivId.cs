using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>An arXiv identifier without its version: "2401.01234" (since 2007) or "hep-th/9901001" (before).</summary>
public readonly partial record struct ArxivId(string Id, int? Version)
{
    /// <summary>The paper key: one URL segment, so the old style's '/' becomes '-'.</summary>
    public string Key => Id.Replace('/', '-');

    public override string ToString() => Version is null ? Id : $"{Id}v{Version}";

    /// <summary>Reads an id, "arXiv:" id, arXiv abs/pdf/html URL or arXiv DOI (10.48550/arXiv.…).</summary>
    public static bool TryParse(string? text, out ArxivId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().TrimEnd('/');

        var url = UrlPattern().Match(s);
        if (url.Success) s = url.Groups["rest"].Value;
        else
        {
            var doi = DoiPattern().Match(s);
            if (doi.Success) s = doi.Groups["rest"].Value;
            else if (s.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase)) s = s[6..].Trim();
        }
        if (s.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) s = s[..^4];

        var m = NewStyle().Match(s);
        // Four-digit numbers until December 2014, five since January 2015.
        if (m.Success && ValidMonth(m.Groups["yymm"].Value)
            && m.Groups["num"].Length == (string.CompareOrdinal(m.Groups["yymm"].Value, "1501") >= 0 ? 5 : 4))
        {
            id = new ArxivId($"{m.Groups["yymm"].Value}.{m.Groups["num"].Value}", VersionOf(m));
            return true;
        }
        m = OldStyle().Match(s);
        if (m.Success && ValidMonth(m.Groups["yymm"].Value))
        {
            // "math.GT/0309136": the subject class is not part of the identifier.
            id = new ArxivId($"{m.Groups["archive"].Value.ToLowerInvariant()}/{m.Groups["yymm"].Value}{m.Groups["num"].Value}", VersionOf(m));
            return true;
        }
        return false;
    }

    /// <summary>The arXiv id a paper key stands for, if it is one ("hep-th-9901001" → "hep-th/9901001").</summary>
    public static bool TryFromKey(string key, out ArxivId id)
    {
        if (TryParse(key, out id)) return true;
        var m = OldKey().Match(key);
        return m.Success && TryParse($"{m.Groups[1].Value}/{m.Groups[2].Value}", out id);
    }

    // arXiv versions are small; one too long for an int ("v99999999999") names no version, so the id stands without it.
    static int? VersionOf(Match m) => m.Groups["v"].Success && int.TryParse(m.Groups["v"].ValueSpan, out var v) ? v : null;

    static bool ValidMonth(string yymm) => int.Parse(yymm[2..]) is >= 1 and <= 12;

    [GeneratedRegex(@"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/(?<rest>[^?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^(?:doi:|https?://(?:dx\.)?doi\.org/)?10\.48550/arxiv\.(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DoiPattern();

    // [0-9], not \d: other scripts' digits are no arXiv id, and int.Parse would throw on them.
    [GeneratedRegex(@"^(?<yymm>[0-9]{4})\.(?<num>[0-9]{4,5})(?:v(?<v>[0-9]+))?$")]
    private static partial Regex NewStyle();

    [GeneratedRegex(@"^(?<archive>[a-zA-Z]+(?:-[a-zA-Z]+)?)(?:\.[A-Za-z]{2})?/(?<yymm>[0-9]{4})(?<num>[0-9]{3})(?:v(?<v>[0-9]+))?$")]
    private static partial Regex OldStyle();

    [GeneratedRegex(@"^([a-z]+(?:-[a-z]+)?)-(\d{7}(?:v\d+)?)$")]
    private static partial Regex OldKey();
}
