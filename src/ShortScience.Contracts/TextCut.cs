namespace ShortScience.Contracts;

/// <summary>
/// Shortening text to fit a column or a message. A cut between the two halves of a surrogate pair (an emoji, a rare CJK
/// character) would leave text PostgreSQL's encoder refuses, so the cut moves before the pair.
/// </summary>
public static class TextCut
{
    /// <summary>At most <paramref name="max"/> UTF-16 units of <paramref name="text"/>, never half a character.</summary>
    public static string Prefix(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }

    /// <inheritdoc cref="Prefix(string, int)"/>
    public static string? PrefixOrNull(string? text, int max) => text is null ? null : Prefix(text, max);
}
