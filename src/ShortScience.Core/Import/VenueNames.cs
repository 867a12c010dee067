using System.Text.RegularExpressions;
using ShortScience.Contracts;
using ShortScience.Core.Text;

namespace ShortScience.Core.Import;

/// <summary>
/// Reduces a venue as bibliographies write it to a matching key: "Proceedings of the 31st IEEE/CVF
/// Conf. on Computer Vision and Pattern Recognition (CVPR 2018)" and "Conference on Computer Vision
/// and Pattern Recognition" both become "conference computer vision pattern recognition".
/// </summary>
public static partial class VenueNames
{
    /// <summary>Words that carry no identity: publishers, "proceedings", function words, ordinals' text.</summary>
    static readonly HashSet<string> Dropped =
    [
        "proceedings", "proc", "ieee", "acm", "cvf", "ieeecvf", "the", "of", "on", "in", "and", "for",
        "international", "intl", "int", "annual", "volume", "vol", "part", "pp", "pages", "no", "nr", "edition",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "twenty", "thirty", "forty", "fifty", "sixty",
        "usa", "online", "virtual", "event", "series", "pmlr", "lncs",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];

    /// <summary>Journal abbreviations (ISO 4 and habit) spelled out so both forms meet.</summary>
    static readonly Dictionary<string, string> Expanded = new()
    {
        ["conf"] = "conference", ["j"] = "journal", ["jour"] = "journal", ["trans"] = "transactions",
        ["mach"] = "machine", ["learn"] = "learning", ["res"] = "research", ["comput"] = "computer",
        ["vis"] = "vision", ["anal"] = "analysis", ["intell"] = "intelligence", ["artif"] = "artificial",
        ["nat"] = "nature", ["natl"] = "national", ["acad"] = "academy", ["sci"] = "sciences",
        ["phys"] = "physical", ["rev"] = "review", ["lett"] = "letters", ["commun"] = "communications",
        ["ling"] = "linguistics", ["linguist"] = "linguistics", ["assoc"] = "association", ["stat"] = "statistics",
        ["inf"] = "information", ["inform"] = "information", ["process"] = "processing", ["syst"] = "systems",
["robot"] = "robotics", ["autom"] = "automation", ["recognit"] = "recognition",
        ["med"] = "medical", ["symp"] = "symposium", ["workshops"] = "workshop", ["eng"] = "engineering",
        ["technol"] = "technology", ["math"] = "mathematics", ["biol"] = "biology", ["mol"] = "molecular",
        ["theor"] = "theory", ["int'l"] = "international", ["mag"] = "magazine",
    };

    public static string Normalize(string venue)
    {
        var text = Slug.Fold(Latex.ToUnicode(Mojibake.Repair(venue))).ToLowerInvariant();
        text = text.Replace("ieee/cvf", " ").Replace("int'l", "international").Replace('&', ' ');
        // "Advances in X" is X's proceedings; "Science Advances" is a journal of its own.
        text = AdvancesIn().Replace(text, " ");
        var words = new List<string>();
        foreach (Match m in Word().Matches(text))
        {
            var word = m.Value;
            if (Expanded.TryGetValue(word, out var full)) word = full;
            if (Dropped.Contains(word) || Number().IsMatch(word)) continue;
            words.Add(word);
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// The alias key of a whole venue name: <see cref="Normalize"/>, or for a name that normalizes to nothing (only
    /// publisher words like "Proceedings of the IEEE" or "ACM", or another script) the name itself folded, lower-case,
    /// letters and digits of every script one space apart, so the name still finds the venue it made before.
    /// </summary>
    public static string Key(string venue) =>
        Normalize(venue) is { Length: > 0 } key ? key
        : TextCut.Prefix(Slug.NormalizeTitle(Latex.ToUnicode(Mojibake.Repair(venue))), Limits.VenueNameChars);

    /// <summary>
    /// Keys to look up, most specific first: the whole name, the name without parentheses, each part
    /// between colons and commas, and what the parentheses hold ("Advances in NeurIPS 30 (NIPS 2017)" → "nips").
    /// </summary>
    public static IEnumerable<string> Candidates(string venue)
    {
        var seen = new HashSet<string>();
        var withoutParens = Parenthesized().Replace(venue, " ");
        IEnumerable<string> forms = [venue, withoutParens];
        // A workshop's name often names its host conference; only the whole name may match.
        if (!venue.Contains("workshop", StringComparison.OrdinalIgnoreCase))
        {
            forms = forms
                .Concat(withoutParens.Split([':', ','], StringSplitOptions.RemoveEmptyEntries))
                .Concat(Parenthesized().Matches(venue).Select(m => m.Groups[1].Value));
        }
        var whole = true;
        foreach (var form in forms)
        {
            // Only the whole name falls back to its literal key: a part that is just "ACM" must not find the venue "ACM".
            var key = whole ? Key(form) : Normalize(form);
            whole = false;
            if (key.Length > 0 && seen.Add(key)) yield return key;
        }
    }

    /// <summary>Numbers (years, volumes), ordinals ("31st") and two-digit years ("'17").</summary>
    [GeneratedRegex(@"^(?:\d+(?:st|nd|rd|th)?|i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")]
    private static partial Regex Number();

    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)?")]
    private static partial Regex Word();

    [GeneratedRegex(@"\badvances\s+in\b")]
    private static partial Regex AdvancesIn();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Parenthesized();
}
