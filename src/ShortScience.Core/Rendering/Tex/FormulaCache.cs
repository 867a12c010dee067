using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// KaTeX HTML of formulas seen before, shared by all engines. Summaries repeat the same small formulas, and
/// the editor's preview re-renders the whole text on every change, so most formulas are hits. Only formulas
/// that cannot depend on a document's own macros are cached: those before the document's first definition.
/// Bounded by characters held; when full it starts over, which keeps it simple and never large.
/// </summary>
sealed partial class FormulaCache(long capacityChars)
{
    readonly ConcurrentDictionary<(bool Display, string Tex), string> _html = new();
    long _size;

    public bool Enabled => capacityChars > 0;

    /// <summary>Index of the first formula that defines a macro (its rendering and all later ones may depend on it).</summary>
    public static int FirstDefinition(IReadOnlyList<Formula> formulas)
    {
        for (var i = 0; i < formulas.Count; i++)
        {
            if (Definition().IsMatch(formulas[i].Tex)) return i;
        }
        return formulas.Count;
    }

    public bool TryGet(Formula formula, out string html) => _html.TryGetValue((formula.Display, formula.Tex), out html!);

    public void Add(Formula formula, string html)
    {
        var size = Interlocked.Add(ref _size, formula.Tex.Length + html.Length);
        if (size > capacityChars)
        {
            _html.Clear();
            Interlocked.Exchange(ref _size, 0);
            return;
        }
        _html.TryAdd((formula.Display, formula.Tex), html);
    }

    [GeneratedRegex(@"\\(?:(?:re|provide|new)command|[gex]?def|let|global|futurelet|newenvironment|renewenvironment)(?![A-Za-z])")]
    private static partial Regex Definition();
}
