using DiffPlex;
using DiffPlex.Chunkers;
using ShortScience.Contracts;

namespace ShortScience.Core.Text;

/// <summary>
/// Compares two Markdown texts the way a reader wants to see an edit: line by line, and for a line that
/// changed, word by word inside it.
/// </summary>
public static class TextDiffer
{
    static readonly Differ Differ = new();
    static readonly LineChunker Lines = new();

    public static TextDiff Compare(string before, string after)
    {
        before = Normalize(before);
        after = Normalize(after);
        var result = Differ.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Lines);
        var blocks = new List<DiffBlock>();
        var a = 0;
        foreach (var change in result.DiffBlocks)
        {
            for (; a < change.DeleteStartA; a++) blocks.Add(Same(result.PiecesOld[a]));
            var paired = Math.Min(change.DeleteCountA, change.InsertCountB);
            for (var i = 0; i < paired; i++)
            {
                blocks.Add(new DiffBlock(DiffKind.Changed, Words(result.PiecesOld[change.DeleteStartA + i], result.PiecesNew[change.InsertStartB + i])));
            }
            for (var i = paired; i < change.DeleteCountA; i++) blocks.Add(Whole(DiffKind.Removed, result.PiecesOld[change.DeleteStartA + i]));
            for (var i = paired; i < change.InsertCountB; i++) blocks.Add(Whole(DiffKind.Added, result.PiecesNew[change.InsertStartB + i]));
            a = change.DeleteStartA + change.DeleteCountA;
        }
        for (; a < result.PiecesOld.Count; a++) blocks.Add(Same(result.PiecesOld[a]));
        return new TextDiff(blocks);
    }

    static DiffBlock Same(string line) => Whole(DiffKind.Same, line);

    static DiffBlock Whole(DiffKind kind, string line) => new(kind, [new DiffSpan(kind, line)]);

    /// <summary>Word-level spans that rebuild both lines exactly: same + removed = before, same + added = after.</summary>
    static List<DiffSpan> Words(string before, string after)
    {
        var oldWords = Tokens(before);
        var newWords = Tokens(after);
        var result = Differ.CreateDiffs(string.Concat(oldWords.Select(w => w + "\n")), string.Concat(newWords.Select(w => w + "\n")), false, false, Lines);
        var spans = new List<DiffSpan>();
        var a = 0;
        foreach (var change in result.DiffBlocks)
        {
            Add(spans, DiffKind.Same, oldWords, a, change.DeleteStartA - a);
            Add(spans, DiffKind.Removed, oldWords, change.DeleteStartA, change.DeleteCountA);
            Add(spans, DiffKind.Added, newWords, change.InsertStartB, change.InsertCountB);
            a = change.DeleteStartA + change.DeleteCountA;
        }
        Add(spans, DiffKind.Same, oldWords, a, oldWords.Count - a);
        return spans;
    }

    static void Add(List<DiffSpan> spans, DiffKind kind, List<string> words, int start, int count)
    {
        if (count <= 0) return;
        var text = string.Concat(words.Skip(start).Take(count));
        if (spans.Count > 0 && spans[^1].Kind == kind) spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
        else spans.Add(new DiffSpan(kind, text));
    }

    /// <summary>Words with the spaces after them, so that joining the tokens gives the line back.</summary>
    static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 1; i <= line.Length; i++)
        {
            var boundary = i == line.Length || (char.IsWhiteSpace(line[i - 1]) && !char.IsWhiteSpace(line[i]));
            if (!boundary) continue;
            tokens.Add(line[start..i]);
            start = i;
        }
        return tokens;
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
