using System.Text;

namespace ShortScience.Core.Feeds;

/// <summary>Text made safe to put in an XML 1.0 document.</summary>
public static class XmlChars
{
    /// <summary>
    /// Removes what XML 1.0 forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF,
    /// unpaired surrogates). People paste such characters from PDFs; an XmlWriter would throw on them.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var first = FirstInvalid(text);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsAllowed(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return i;
            }
        }
        return -1;
    }

    static bool IsAllowed(char c) =>
        c >= 0x20 ? c < 0xD800 || (c >= 0xE000 && c <= 0xFFFD) : c is '\t' or '\n' or '\r';
}
