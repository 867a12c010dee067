using System.Text;

namespace ShortScience.Core.Text;

/// <summary>
/// Unicode normalization that cannot throw: <see cref="string.Normalize(NormalizationForm)"/> refuses text holding
/// lone surrogates or noncharacters (U+FFFE, U+FDD0…), which anyone can type into a search box or a BibTeX file.
/// When normalization refuses a text, its refused code points become U+FFFD and the rest is normalized as usual.
/// </summary>
public static class UnicodeText
{
    public static string NormalizeSafely(this string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            var scrubbed = Scrub(text);
            try
            {
                return scrubbed.Normalize(form);
            }
            catch (ArgumentException)
            {
                return scrubbed;
            }
        }
    }

    /// <summary>Replaces lone surrogates and noncharacters with U+FFFD.</summary>
    public static string Scrub(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done || IsNonCharacter(rune.Value))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(text, i, used);
            }
            i += Math.Max(used, 1);
        }
        return sb.ToString();
    }

    static bool IsNonCharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
}
