using System.Text.RegularExpressions;
using Markdig.Parsers;
using Markdig.Syntax;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>
/// Display math that starts a line: <c>$$</c>, <c>\[</c>, or <c>\begin{align}</c> and the other display
/// environments. It ends on the line that ends with the closing delimiter. TeX allows no blank line inside
/// display math, so a blank line before the closing delimiter ends the block as unclosed (shown as an error)
/// rather than swallowing the rest of the text. The same line may hold both delimiters.
/// </summary>
public sealed partial class TexBlockParser : BlockParser
{
    static readonly HashSet<string> Environments =
    [
        "equation", "equation*", "align", "align*", "alignat", "alignat*", "flalign", "flalign*", "gather", "gather*",
        "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "split", "aligned", "alignedat", "gathered",
        "cases", "dcases", "rcases", "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
        "array", "darray", "CD",
    ];

    public TexBlockParser() => OpeningCharacters = ['$', '\\'];

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line.ToString();
        string open, close;
        string? environment = null;
        if (line.StartsWith("$$", StringComparison.Ordinal)) (open, close) = ("$$", "$$");
        else if (line.StartsWith("\\[", StringComparison.Ordinal)) (open, close) = ("\\[", "\\]");
        else
        {
            var begin = BeginPattern().Match(line);
            if (!begin.Success || !Environments.Contains(begin.Groups[1].Value)) return BlockState.None;
            environment = begin.Groups[1].Value;
            (open, close) = ("", $"\\end{{{environment}}}");
        }

        var block = new TexBlock(this)
        {
            Closing = close, Environment = environment, Column = processor.Column,
            Span = new SourceSpan(processor.Start, processor.Line.End), Line = processor.LineIndex,
        };
        var rest = line[open.Length..];
        if (Ends(block, rest))
        {
            processor.NewBlocks.Push(block);
            return BlockState.BreakDiscard;
        }
        // "$$ x $$ more text" is a paragraph with inline math, not a block.
        if (environment is null && rest.Contains(close, StringComparison.Ordinal)) return BlockState.None;
        processor.NewBlocks.Push(block);
        return BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var tex = (TexBlock)block;
        if (processor.IsBlankLine) return BlockState.Break;
        var line = processor.Line.ToString();
        block.UpdateSpanEnd(processor.Line.End);
        return Ends(tex, line) ? BlockState.BreakDiscard : BlockState.ContinueDiscard;
    }

    /// <summary>Adds the line's math to the block; true when the line closes it.</summary>
    static bool Ends(TexBlock block, string line)
    {
        var trimmed = line.TrimEnd();
        if (block.Environment is { } name)
        {
            // Nested environments of the same name (rare, but legal) close in order.
            block.Depth += CountOf(trimmed, $"\\begin{{{name}}}") - (block.Source.Length == 0 ? 1 : 0);
            block.Depth -= CountOf(trimmed, block.Closing);
            block.Source.Append(line).Append('\n');
            if (block.Depth > 0 || !trimmed.EndsWith(block.Closing, StringComparison.Ordinal)) return false;
            block.Source.Length--;
            block.Closed = true;
            return true;
        }
        if (!trimmed.EndsWith(block.Closing, StringComparison.Ordinal))
        {
            block.Source.Append(line).Append('\n');
            return false;
        }
        block.Source.Append(trimmed.AsSpan(0, trimmed.Length - block.Closing.Length));
        block.Closed = true;
        return true;
    }

    static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [GeneratedRegex(@"^\\begin\{([A-Za-z]+\*?)\}")]
    private static partial Regex BeginPattern();
}
