using ShortScience.Core.Import;

namespace ShortScience.Core.Export;

/// <summary>An author's name split the way RIS and CSL-JSON want it: "Family, Given" or "Given … Family".</summary>
public readonly record struct NameParts(string? Family, string? Given, string Literal)
{
    /// <summary>
    /// BibTeX's own name rules (<see cref="PersonName"/>): "Vaswani, Ashish" and "Ashish Vaswani" both give family
    /// "Vaswani", particles ("van") belong to the family name; one word (an organization, a nick) stays literal, and so
    /// does a name BibTeX writes whole ("Acme and Co").
    /// </summary>
    public static NameParts Parse(string name)
    {
        var literal = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var parts = PersonName.Parse(literal);
        if (parts.First.Length == 0 || BibtexWriter.IsLiteralName(literal, parts)) return new NameParts(null, null, literal);
        var family = string.Join(' ', new[] { parts.Von, parts.Last, parts.Jr }.Where(p => p.Length > 0));
        return new NameParts(family, parts.First, literal);
    }
}
