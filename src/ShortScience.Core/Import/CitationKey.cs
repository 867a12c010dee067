using ShortScience.Core.Text;

namespace ShortScience.Core.Import;

/// <summary>Google-Scholar-style citation keys: first author's last name, year, first significant title word.</summary>
public static class CitationKey
{
    static readonly HashSet<string> Insignificant =
    [
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from", "at", "by", "is", "are", "do", "does",
        "how", "what", "when", "why", "towards", "toward",
    ];

    /// <summary>"Ashish Vaswani", 2017, "Attention Is All You Need" → "vaswani2017attention".</summary>
    public static string Suggest(string? firstAuthor, int? year, string title)
    {
        var name = firstAuthor is null ? "" : PersonName.Parse(firstAuthor).KeyPart;
        if (name.Length == 0) name = "anon";
        var words = Slug.From(title, 200).Split('-', StringSplitOptions.RemoveEmptyEntries);
        var word = words.FirstOrDefault(w => !Insignificant.Contains(w) && w.Any(char.IsAsciiLetter))
            ?? words.FirstOrDefault() ?? "";
        return $"{name}{year}{word}";
    }

    /// <summary>The key with "b", "c" … appended until <paramref name="taken"/> says it is free.</summary>
    public static string Deduplicate(string key, Func<string, bool> taken)
    {
        if (!taken(key)) return key;
        for (var n = 1; ; n++)
        {
            var suffix = Suffix(n);
            if (!taken(key + suffix)) return key + suffix;
        }
    }

    // b, c, …, z, ba, bb …: 'a' is the unsuffixed key, as in bibliographies.
    static string Suffix(int n) => n < 26 ? ((char)('a' + n)).ToString() : Suffix(n / 26) + (char)('a' + n % 26);
}
