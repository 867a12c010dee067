using System.Text;
using System.Text.RegularExpressions;
using ShortScience.Core.Text;

namespace ShortScience.Core.Import;

/// <summary>A person's name in BibTeX's four parts, decoded to Unicode.</summary>
public sealed partial record PersonName(string First, string Von, string Last, string Jr)
{
    /// <summary>"Aäron van den Oord", "Martin Luther King Jr.": the order a page prints.</summary>
    public string Display => string.Join(' ', new[] { First, Von, Last, Jr }.Where(p => p.Length > 0));

    /// <summary>Lower-case ASCII letters of the last name, as citation keys use it ("oord", "vaswani").</summary>
    public string KeyPart => new(Slug.Fold(Last.Length > 0 ? Last : Display).ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    /// <summary>
    /// Parses "First von Last", "von Last, First" or "von Last, Jr, First" the way BibTeX does: braces
    /// protect, the von part is the lower-case words. Mojibake and LaTeX are decoded; initials spaced.
    /// </summary>
    public static PersonName Parse(string raw)
    {
        var parts = SplitTopLevel(Mojibake.Repair(raw).Trim().TrimEnd(','), ',');
        var words = parts.Select(Words).ToList();
        List<string> first, von, last, jr = [];
        if (words.Count == 1)
        {
            var w = words[0];
            // "Martin Luther King Jr." as printed: the generational suffix is not the last name.
            if (w.Count > 2 && Generational().IsMatch(w[^1]))
            {
                jr = [w[^1]];
                w = w[..^1];
            }
            // The von part starts at the first lower-case word and ends at the last one; the final word is always Last.
            var vonStart = w.FindIndex(0, Math.Max(0, w.Count - 1), IsLower);
            if (vonStart < 0)
            {
                first = w.Count > 1 ? w[..^1] : [];
                von = [];
                last = w.Count > 0 ? [w[^1]] : [];
            }
            else
            {
                var vonEnd = w.FindLastIndex(w.Count - 2, w.Count - 1 - vonStart, IsLower);
                first = w[..vonStart];
                von = w[vonStart..(vonEnd + 1)];
                last = w[(vonEnd + 1)..];
            }
        }
        else
        {
            var w = words[0];
            var vonEnd = w.Count > 1 ? w.FindLastIndex(w.Count - 2, w.Count - 1, IsLower) : -1;
            von = w[..(vonEnd + 1)];
            last = w[(vonEnd + 1)..];
            if (words.Count == 2) first = words[1];
            else
            {
                jr = words[1];
                first = words[2..].SelectMany(x => x).ToList();
            }
        }
        return new PersonName(Decode(first, spaceInitials: true), Decode(von), Decode(last), Decode(jr));
    }

    /// <summary>Splits a BibTeX author field on " and " outside braces; "and others" becomes <paramref name="others"/>.</summary>
    public static List<string> SplitAuthors(string raw, out bool others)
    {
        others = false;
        var names = new List<string>();
        foreach (var name in SplitTopLevel(raw, '&'))
        {
            var trimmed = name.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed.Equals("others", StringComparison.OrdinalIgnoreCase) || trimmed == "et al." || trimmed == "et al")
            {
                others = true;
                continue;
            }
            names.Add(trimmed);
        }
        return names;
    }

    /// <summary>The display form of a name from any source: "Le, Quoc V." → "Quoc V. Le", "AÃ¤ron" → "Aäron".</summary>
    public static string Normalize(string name) => Parse(name).Display;

    static bool IsLower(string word)
    {
        var depth = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == '{')
            {
                // "{\"u}ber" counts by its letter; any other brace group is caseless and not von.
                if (depth == 0 && i + 1 < word.Length && word[i + 1] == '\\')
                {
                    var letter = Latex.ToUnicode(word[i..]).FirstOrDefault(char.IsLetter);
                    return letter != default && char.IsLower(letter);
                }
                depth++;
            }
            else if (c == '}') depth--;
            else if (depth == 0 && char.IsLetter(c)) return char.IsLower(c);
        }
        return false;
    }

    static string Decode(List<string> words, bool spaceInitials = false)
    {
        var text = TextCleaner.Clean(Latex.ToUnicode(string.Join(' ', words)));
        return spaceInitials ? JoinedInitials().Replace(text, "$1 ") : text;
    }

    static List<string> Words(string part)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var depth = 0;
        foreach (var c in part)
        {
            if (c == '{') depth++;
            else if (c == '}') depth--;
            if (depth == 0 && (char.IsWhiteSpace(c) || c == '~'))
            {
                if (sb.Length > 0) words.Add(sb.ToString());
                sb.Clear();
            }
            else sb.Append(c);
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return words;
    }

    /// <summary>Splits on a separator outside braces; '&amp;' means the word "and" between spaces.</summary>
    static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (depth == 0 && separator == ',' && c == ',')
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
            else if (depth == 0 && separator == '&' && IsAndAt(text, i))
            {
                parts.Add(text[start..i]);
                start = i + 4;
                i += 3;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    static bool IsAndAt(string text, int i) =>
        i > 0 && char.IsWhiteSpace(text[i - 1]) && i + 4 < text.Length && char.IsWhiteSpace(text[i + 3])
        && string.Compare(text, i, "and", 0, 3, StringComparison.OrdinalIgnoreCase) == 0;

    [GeneratedRegex(@"^(?:Jr\.?|Sr\.?|II|III|IV)$")]
    private static partial Regex Generational();

    [GeneratedRegex(@"(\p{Lu}\.)(?=\p{Lu})")]
    private static partial Regex JoinedInitials();
}
