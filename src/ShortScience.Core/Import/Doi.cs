using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>DOIs compared the way resolvers do: case-insensitively, without resolver prefixes.</summary>
public static partial class Doi
{
    /// <summary>"https://doi.org/10.1145/ABC" → "10.1145/abc"; false for anything that is not a DOI.</summary>
    public static bool TryNormalize(string? text, out string doi)
    {
        doi = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var prefix = Prefix().Match(s);
        if (prefix.Success) s = s[prefix.Length..];
        if (s.Contains('%')) s = Uri.UnescapeDataString(s);
        // A DOI pasted from a sentence often carries the sentence's punctuation.
        s = s.TrimEnd('.', ',', ';', ')', ']', '>').Trim();
        // Unescaping can make control characters (%00) and a DOI holds none; a backslash would escape the brace that
        // closes it in a BibTeX export.
        if (!Shape().IsMatch(s) || s.Any(char.IsControl) || s.Contains('\\')) return false;
        doi = s.ToLowerInvariant();
        return true;
    }

    public static string? NormalizeOrNull(string? text) => TryNormalize(text, out var doi) ? doi : null;

    [GeneratedRegex(@"^(?:doi:\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/)", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex Shape();
}
