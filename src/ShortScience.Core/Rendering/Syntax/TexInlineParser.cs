using Markdig.Helpers;
using Markdig.Parsers;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>
/// <c>$…$</c> and <c>$$…$$</c> inside a paragraph, with the usual rules that keep prices as text: the opening
/// <c>$</c> is not followed by a space, and the first unescaped <c>$</c> after it closes only if it is not
/// preceded by a space nor followed by a digit; otherwise the <c>$</c> is literal.
/// </summary>
public sealed class TexInlineParser : InlineParser
{
    public TexInlineParser() => OpeningCharacters = ['$'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        // A $ right after another one is the tail of a run the previous match refused: keep it literal.
        if (start > 0 && text[start - 1] == '$') return false;
        var dollars = start + 1 <= end && text[start + 1] == '$' ? 2 : 1;
        var contentStart = start + dollars;
        if (contentStart > end || (dollars == 1 && char.IsWhiteSpace(text[contentStart]))) return false;

        for (var i = contentStart; i <= end; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (c != '$') continue;
            if (dollars == 2)
            {
                if (i + 1 > end || text[i + 1] != '$') continue;
                if (i == contentStart) return false;
                return Accept(processor, ref slice, text[contentStart..i], display: true, i + 2);
            }
            var closes = i > contentStart && !char.IsWhiteSpace(text[i - 1]) && (i + 1 > end || !char.IsAsciiDigit(text[i + 1]));
            return closes && Accept(processor, ref slice, text[contentStart..i], display: false, i + 1);
        }
        return false;
    }

    internal static bool Accept(InlineProcessor processor, ref StringSlice slice, string tex, bool display, int next)
    {
        var start = slice.Start;
        processor.Inline = new TexInline
        {
            Tex = tex.Trim(), Display = display,
            Span = new(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(next - 1)),
            Line = line, Column = column,
        };
        slice.Start = next;
        return true;
    }
}
