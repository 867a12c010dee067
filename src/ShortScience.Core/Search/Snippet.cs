using System.Net;
using System.Text;

namespace ShortScience.Core.Search;

/// <summary>
/// ts_headline marks matches with two control characters that stored text does not contain; everything is
/// HTML-escaped, then those marks become &lt;mark&gt; tags, so a snippet carries no other markup.
/// </summary>
public static class Snippet
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    /// <summary>What ts_headline puts between fragments.</summary>
    public const string FragmentDelimiter = " … ";

    public static string ToHtml(string? headline)
    {
        if (string.IsNullOrEmpty(headline)) return "";
        headline = WithoutMath(headline);
        var html = new StringBuilder(headline.Length + 32);
        var text = new StringBuilder();
        var open = false;
        foreach (var ch in headline)
        {
            if (ch is not (Start or Stop)) { text.Append(ch); continue; }
            html.Append(WebUtility.HtmlEncode(text.ToString()));
            text.Clear();
            if (ch == Start && !open) html.Append("<mark>");
            else if (ch == Stop && open) html.Append("</mark>");
            open = ch == Start || (open && ch != Stop);
        }
        html.Append(WebUtility.HtmlEncode(text.ToString()));
        if (open) html.Append("</mark>");
        return html.ToString();
    }

    /// <summary>
    /// A snippet is cut from text whose math is TeX source, anywhere ("pmatrix} with …"): math ($…$, \(…\), \[…\],
    /// \begin…\end) and stray TeX words are dropped, silently at a fragment's ends (so it starts and ends on words of
    /// text), as one "…" inside it. A fragment that starts inside math starts after it ends. A word holding a match stays.
    /// </summary>
    public static string WithoutMath(string headline)
    {
        var fragments = new List<string>();
        foreach (var fragment in headline.Split(FragmentDelimiter))
        {
            var words = fragment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var kept = new List<string>();
            var gap = false;
            var inMath = StartsInsideMath(words);
            foreach (var word in words)
            {
                var marked = word.IndexOfAny([Start, Stop]) >= 0;
                bool drop;
                if (inMath)
                {
                    drop = true;
                    inMath = !Closes(word);
                }
                else if (Opens(word))
                {
                    drop = true;
                    inMath = !ClosesAfterOpening(word);
                }
                else
                {
                    drop = IsTex(word);
                }
                if (drop && !marked)
                {
                    gap = kept.Count > 0;
                    continue;
                }
                if (gap) kept.Add("…");
                gap = false;
                kept.Add(word);
            }
            if (kept.Count > 0) fragments.Add(string.Join(' ', kept));
        }
        return string.Join(FragmentDelimiter, fragments);
    }

    static bool Opens(string word) =>
        word.StartsWith('$') || word.StartsWith("\\(", StringComparison.Ordinal) || word.StartsWith("\\[", StringComparison.Ordinal)
        || word.StartsWith("\\begin{", StringComparison.Ordinal);

    static bool Closes(string word) =>
        word.Contains('$') || word.Contains("\\)", StringComparison.Ordinal) || word.Contains("\\]", StringComparison.Ordinal)
        || word.Contains("\\end{", StringComparison.Ordinal);

    /// <summary>Whether a word that opens math also closes it ("$x$,", "\(a\)").</summary>
    static bool ClosesAfterOpening(string word)
    {
        if (word.StartsWith("$$", StringComparison.Ordinal)) return word.Length > 2 && word[2..].Contains("$$", StringComparison.Ordinal);
        if (word.StartsWith('$')) return word.Length > 1 && word[1..].Contains('$');
        if (word.StartsWith("\\begin{", StringComparison.Ordinal)) return word.Contains("\\end{", StringComparison.Ordinal);
        return Closes(word[2..]);
    }

    /// <summary>A closing \end, \) or \] before anything opens: the fragment was cut inside math.</summary>
    static bool StartsInsideMath(string[] words)
    {
        foreach (var word in words)
        {
            if (Opens(word)) return false;
            if (word.Contains("\\end{", StringComparison.Ordinal) || word.Contains("\\)", StringComparison.Ordinal)
                || word.Contains("\\]", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    static bool IsTex(string word)
    {
        if (word.IndexOfAny(['$', '{', '}']) >= 0) return true;
        for (var i = 0; i + 1 < word.Length; i++)
        {
            if (word[i] == '\\' && (char.IsAsciiLetter(word[i + 1]) || word[i + 1] is '(' or ')' or '[' or ']' or '\\')) return true;
        }
        return false;
    }
}
