namespace ShortScience.Core.Export;

/// <summary>An author's name split the way RIS and CSL-JSON want it: "Family, Given" or "Given … Family".</summary>
public readonly record struct NameParts(string? Family, string? Given, string Literal)
{
    static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase) { "van", "von", "der", "den", "de", "da", "di", "du", "del", "la", "le" };

    /// <summary>"Vaswani, Ashish" and "Ashish Vaswani" both give family "Vaswani"; one word (an organization, a nick) stays literal.</summary>
    public static NameParts Parse(string name)
    {
        var literal = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var comma = literal.IndexOf(',');
        if (comma > 0 && comma < literal.Length - 1)
        {
            return new NameParts(literal[..comma].Trim(), literal[(comma + 1)..].Trim(), literal);
        }
        var words = literal.Trim(',', ' ').Split(' ');
        if (words.Length < 2) return new NameParts(null, null, literal);
        // "Ludwig van Beethoven": lower-case particles before the last word belong to the family name.
        var first = words.Length - 1;
        while (first > 1 && Particles.Contains(words[first - 1]) && char.IsLower(words[first - 1][0])) first--;
        return new NameParts(string.Join(' ', words[first..]), string.Join(' ', words[..first]), literal);
    }
}
