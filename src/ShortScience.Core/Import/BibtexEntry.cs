namespace ShortScience.Core.Import;

/// <summary>
/// One entry of a .bib file. <see cref="Fields"/> hold the raw LaTeX values (macros expanded, '#'
/// concatenations joined); <see cref="Get"/> gives the decoded, readable text.
/// </summary>
public sealed record BibtexEntry(string Type, string Key, IReadOnlyDictionary<string, string> Fields, int Line)
{
    public string? Raw(string field) => Fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>The field as plain Unicode text, or null when absent or empty.</summary>
    public string? Get(string field) =>
        Raw(field) is { } raw && TextCleaner.Clean(Latex.ToUnicode(Mojibake.Repair(raw))) is { Length: > 0 } text ? text : null;
}

/// <summary>
/// Something in a .bib file that could not be read; parsing went on after it. A warning's entry was
/// still read (an undefined macro, say); an error's entry was skipped.
/// </summary>
public sealed record BibtexProblem(int Line, string? Key, string Message, bool Warning = false);

public sealed record BibtexDocument(
    IReadOnlyList<BibtexEntry> Entries, IReadOnlyList<BibtexProblem> Problems, IReadOnlyList<string> Preambles);
