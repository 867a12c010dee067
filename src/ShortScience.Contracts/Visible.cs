using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ShortScience.Contracts;

/// <summary>
/// What a person's text shows on a page. A name, a title or a comment made only of zero-width characters is as blank
/// as an empty one, and a name or title may not reverse the text that follows it on a page (the trick that shows
/// U+202E followed by "nimdA" as "Admin"): every entry point asks here.
/// </summary>
public static class Visible
{
    /// <summary>
    /// True when <paramref name="text"/> shows nothing: null, empty, or only white space, control and format
    /// characters (zero-width spaces and joiners, direction marks and controls, the byte-order mark, invisible tags),
    /// variation selectors and the blank fillers that pass for letters (the Hangul fillers, the blank Braille cell).
    /// </summary>
    public static bool IsBlank([NotNullWhen(false)] string? text)
    {
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!ShowsNothing(rune)) return false;
        }
        return true;
    }

    /// <summary>
    /// One line of plain text as a person meant it: trimmed, every run of white space and control characters (line
    /// breaks and tabs included) one space, and the direction embeddings, overrides and isolates left out, so that the
    /// text cannot turn around what a page shows after it. Direction marks (U+200E, U+200F) and joiners stay: right-to-left
    /// names and scripts that join letters need them.
    /// </summary>
    public static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsDirectionControl(c)) continue;
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space && (line.Length == 0 || line[^1] == ' ')) continue;
            line.Append(space ? ' ' : c);
        }
        if (line.Length > 0 && line[^1] == ' ') line.Length--;
        return line.ToString();
    }

    /// <summary>
    /// True when <paramref name="text"/> has a letter, a digit or a symbol (C++, ∇, 日本語): what a keyword needs to be
    /// a tag. Punctuation alone ("." and "..", which a browser reads as a step up in the tag's own address, "!!!") is no tag.
    /// </summary>
    public static bool HasWordOrSymbol(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol) return true;
        }
        return false;
    }

    /// <summary>The embeddings, overrides and isolates of Unicode's bidirectional algorithm (U+202A–U+202E, U+2066–U+2069).</summary>
    public static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    static bool ShowsNothing(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)) return true;
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) return true;
        var v = rune.Value;
        return v is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x034F // fillers, the blank Braille cell, the grapheme joiner
            or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF; // variation selectors
    }
}
