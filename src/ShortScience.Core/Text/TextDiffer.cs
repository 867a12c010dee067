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

    /// <summary>
    /// Lines (or words in a line) left to compare once the common start and end are set aside, on both sides together.
    /// The comparison costs about their number times the number of changes; beyond this a rewrite is shown as what went
    /// and what came, so no pair of texts (100,000 characters each, every line changed) takes seconds of a server.
    /// </summary>
    public const int MaxCompared = 5_000;

    public static TextDiff Compare(string before, string after)
    {
        before = Normalize(before);
        after = Normalize(after);
        var (oldLines, newLines) = (Lines.Chunk(before).ToArray(), Lines.Chunk(after).ToArray());
        var (head, tail) = Common(oldLines, newLines);
        if (oldLines.Length + newLines.Length - 2 * (head + tail) > MaxCompared)
        {
            var whole = new List<DiffBlock>();
            whole.AddRange(oldLines.Take(head).Select(Same));
            whole.AddRange(oldLines.Skip(head).Take(oldLines.Length - head - tail).Select(line => Whole(DiffKind.Removed, line)));
            whole.AddRange(newLines.Skip(head).Take(newLines.Length - head - tail).Select(line => Whole(DiffKind.Added, line)));
            whole.AddRange(oldLines.Skip(oldLines.Length - tail).Select(Same));
            return new TextDiff(whole);
        }
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

    /// <summary>How many pieces both sides start with, and then end with (not overlapping).</summary>
    static (int Head, int Tail) Common(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail]) tail++;
        return (head, tail);
    }

    static DiffBlock Same(string line) => Whole(DiffKind.Same, line);

    static DiffBlock Whole(DiffKind kind, string line) => new(kind, [new DiffSpan(kind, line)]);

    /// <summary>Word-level spans that rebuild both lines exactly: same + removed = before, same + added = after.</summary>
    static List<DiffSpan> Words(string before, string after)
    {
        var oldWords = Tokens(before);
        var newWords = Tokens(after);
        var (head, tail) = Common(oldWords, newWords);
        if (oldWords.Count + newWords.Count - 2 * (head + tail) > MaxCompared)
        {
            var whole = new List<DiffSpan>();
            Add(whole, DiffKind.Same, oldWords, 0, head);
            Add(whole, DiffKind.Removed, oldWords, head, oldWords.Count - head - tail);
            Add(whole, DiffKind.Added, newWords, head, newWords.Count - head - tail);
            Add(whole, DiffKind.Same, oldWords, oldWords.Count - tail, tail);
            return whole;
        }
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
