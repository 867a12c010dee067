using System.Net;
using System.Text;
using ShortScience.Core.Rendering.Tex;

namespace ShortScience.Core.Rendering;

/// <summary>
/// Plain text in which only math is markup (paper abstracts): <c>$…$</c>, <c>\(…\)</c>, <c>$$…$$</c> and <c>\[…\]</c>
/// are formulas, <c>\$</c> is a dollar sign, and everything else is text (no Markdown, no HTML), HTML-encoded.
/// </summary>
public static class MathText
{
    /// <summary>One piece of the text: literal text, or a formula's TeX.</summary>
    public readonly record struct Piece(string Text, bool IsMath, bool Display);

    /// <summary>Splits <paramref name="text"/> into literal runs and formulas; an unclosed delimiter stays text.</summary>
    public static List<Piece> Split(string text)
    {
        var pieces = new List<Piece>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                literal.Append('$');
                i += 2;
                continue;
            }
            var (open, close, display) =
                c == '$' && i + 1 < text.Length && text[i + 1] == '$' ? ("$$", "$$", true)
                : c == '$' ? ("$", "$", false)
                : c == '\\' && i + 1 < text.Length && text[i + 1] == '(' ? ("\\(", "\\)", false)
                : c == '\\' && i + 1 < text.Length && text[i + 1] == '[' ? ("\\[", "\\]", true)
                : (null, null, false);
            if (open is not null)
            {
                var end = FindClose(text, i + open.Length, close!);
                var tex = end < 0 ? "" : text[(i + open.Length)..end];
                if (end >= 0 && tex.Trim().Length > 0 && (open != "$" || !char.IsWhiteSpace(tex[0])))
                {
                    if (literal.Length > 0) pieces.Add(new Piece(literal.ToString(), false, false));
                    literal.Clear();
                    pieces.Add(new Piece(tex.Trim(), true, display));
                    i = end + close!.Length;
                    continue;
                }
                literal.Append(open);
                i += open.Length;
                continue;
            }
            literal.Append(c);
            i++;
        }
        if (literal.Length > 0) pieces.Add(new Piece(literal.ToString(), false, false));
        return pieces;
    }

    /// <summary>The closing delimiter's index, skipping backslash escapes; a blank line ends the search.</summary>
    static int FindClose(string text, int from, string close)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\n' && text.AsSpan(j + 1).TrimStart(" \t\r").StartsWith("\n")) return -1;
            if (string.CompareOrdinal(text, j, close, 0, close.Length) == 0) return j;
            if (text[j] == '\\' && close[0] != '\\') j++; // \$ inside a formula is a dollar, not the end
        }
        return -1;
    }

    /// <summary>The text HTML-encoded, with each formula replaced by its rendering.</summary>
    internal static string Render(string text, Func<IReadOnlyList<Formula>, string[]> renderFormulas)
    {
        var pieces = Split(text);
        var formulas = pieces.Where(p => p.IsMath).Select(p => new Formula(p.Text, p.Display, Block: false)).ToList();
        var math = formulas.Count == 0 ? [] : renderFormulas(formulas);
        var html = new StringBuilder(text.Length + 64);
        var n = 0;
        foreach (var piece in pieces)
        {
            html.Append(piece.IsMath ? math[n++] : WebUtility.HtmlEncode(piece.Text));
        }
        return html.ToString();
    }
}
