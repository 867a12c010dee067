using System.Text.RegularExpressions;
using ShortScience.Core.Import;

namespace ShortScience.Core.Search;

/// <summary>
/// ShortScience.org named papers by DBLP-style BibTeX keys: "journals/corr/1406.2661", "journals/corr/abs-1706-03762",
/// "conf/nips/GoodfellowPMXWOCB14", "arxiv.org/abs/1406.2661". This reads the arXiv id hidden in such a key.
/// </summary>
public static partial class LegacyKeys
{
    public static bool TryArxivId(string key, out ArxivId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(key)) return false;
        var k = key.Trim();
        if (ArxivId.TryParse(k, out id)) return true;
        var last = k[(k.LastIndexOf('/') + 1)..];
        if (ArxivId.TryParse(last, out id) || ArxivId.TryFromKey(last, out id)) return true;
        // DBLP writes arXiv papers as journals/corr/abs-YYMM-NNNNN.
        var dblp = DblpArxiv().Match(last);
        if (dblp.Success && ArxivId.TryParse($"{dblp.Groups[1].Value}.{dblp.Groups[2].Value}", out id)) return true;
        // Old-style ids keep their archive in the path: journals/corr/cs/0601001 or …/hep-th/9901001.
        var parts = k.Split('/');
        return parts.Length >= 2 && ArxivId.TryParse($"{parts[^2]}/{parts[^1]}", out id);
    }

    [GeneratedRegex(@"^abs-(\d{4})-(\d{4,5})(?:v\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DblpArxiv();
}
