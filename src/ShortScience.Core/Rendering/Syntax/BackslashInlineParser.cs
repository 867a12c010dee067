using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>
/// <c>\(…\)</c>, <c>\[…\]</c> and <c>\cite{…}</c>. Runs before CommonMark's backslash escapes, which would
/// otherwise turn <c>\(</c> into a plain parenthesis; anything else (<c>\$</c>, <c>\*</c> …) is left to them.
/// </summary>
public sealed class BackslashInlineParser : InlineParser
{
    public BackslashInlineParser() => OpeningCharacters = ['\\'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        if (start + 1 > end) return false;
        var next = text[start + 1];
        if (next is '(' or '[')
        {
            var close = next == '(' ? ')' : ']';
            for (var i = start + 2; i < end; i++)
            {
                if (text[i] != '\\') continue;
                if (text[i + 1] == close)
                {
                    return i > start + 2 && TexInlineParser.Accept(processor, ref slice, text[(start + 2)..i], next == '[', i + 2);
                }
                i++;
            }
            return false;
        }
        return next == 'c' && MatchCitation(processor, ref slice);
    }

    static bool MatchCitation(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        var open = text.IndexOf('{', start, Math.Min(end - start + 1, 8));
        if (open < 0 || !Citations.IsCommand(text.AsSpan(start + 1, open - start - 1))) return false;
        var close = text.IndexOf('}', open, Math.Min(end - open + 1, Citations.MaxLength));
        if (close < 0) return false;
        var ids = Citations.Parse(text[(open + 1)..close]);
        if (ids.Count == 0) return false;
        processor.Inline = new CitationInline
        {
            Ids = ids,
            Span = new(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(close)),
            Line = line, Column = column,
        };
        slice.Start = close + 1;
        return true;
    }
}
