using System.Globalization;
using System.Text;

namespace ShortScience.Core.Text;

public static class Slug
{
    /// <summary>"Aäron van den Oord" → "aaron-van-den-oord": lower-case ASCII letters, digits and single hyphens.</summary>
    public static string From(string text, int maxLength = 80)
    {
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var ch in Fold(text))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(char.ToLowerInvariant(ch));
                if (sb.Length >= maxLength) break;
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return sb.ToString();
    }

    /// <summary>Strips diacritics and maps letters that do not decompose (ß, ø, ł …) to ASCII.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.NormalizeSafely(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(ch switch
            {
                'ß' => "ss",
                'ø' or 'Ø' => "o",
                'ł' or 'Ł' => "l",
                'đ' or 'Đ' => "d",
                'æ' or 'Æ' => "ae",
                'œ' or 'Œ' => "oe",
                'þ' or 'Þ' => "th",
                'ı' => "i",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>
    /// Title normalized for duplicate detection: folded, lower-case, words only, one space apart. Unlike
    /// <see cref="From"/> (keys and URLs, ASCII only) it keeps letters and digits of every script, so a Chinese or
    /// Russian title does not normalize to nothing.
    /// </summary>
    public static string NormalizeTitle(string title)
    {
        const int max = 1000;
        var sb = new StringBuilder(Math.Min(title.Length, max));
        var pendingSpace = false;
        foreach (var rune in Fold(title).EnumerateRunes())
        {
            // Spacing marks belong to their letter (Devanagari vowel signs), not between words.
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpacingCombiningMark)
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                var lower = Rune.ToLowerInvariant(rune);
                // Whole characters only: half a surrogate pair cannot be stored.
                if (sb.Length + lower.Utf16SequenceLength > max) break;
                sb.Append(lower.ToString());
                if (sb.Length >= max) break;
            }
            else
            {
                pendingSpace = true;
            }
        }
        return sb.ToString().TrimEnd();
    }
}
