namespace ShortScience.Contracts;

/// <summary>
/// A paper typed in by hand on the "add a paper" form. <see cref="CitationKey"/>: the key texts already cite it by
/// (<c>\cite{lecun1998gradient}</c>, from "add this paper"); the paper answers to it from then on.
/// </summary>
public sealed record ManualPaper(
    string Title, IReadOnlyList<string>? Authors = null, string? Venue = null, int? Year = null, string? Abstract = null,
    string? Url = null, string? PdfUrl = null, string? Doi = null, string? ArxivId = null, IReadOnlyList<string>? Keywords = null,
    string? CitationKey = null) : IValidatable
{
    public void Validate(Checks checks) => checks
        .Text("title", Title, Limits.PaperTitleChars, "a title")
        .Texts("authors", Authors, Limits.AuthorsPerPaper, Limits.AuthorNameChars, "authors")
        .Text("venue", Venue, Limits.VenueNameChars, "a venue").Text("abstract", Abstract, Limits.AbstractChars, "an abstract")
        .WebAddress("url", Url, "the paper's address").WebAddress("pdfUrl", PdfUrl, "the PDF's address")
        .Text("doi", Doi, Limits.DoiChars, "a DOI").Text("arxivId", ArxivId, Limits.ArxivIdChars, "an arXiv id")
        .Texts("keywords", Keywords, Limits.KeywordsPerPaper, Limits.KeywordChars, "keywords")
        .Text("citationKey", CitationKey, Limits.PaperAliasChars, "a citation key");
}

/// <summary>
/// POST /api/v1/papers: either <see cref="Input"/> (an arXiv id or URL, a DOI or doi.org URL, or one BibTeX
/// entry, told apart automatically) or <see cref="Manual"/>.
/// </summary>
public sealed record AddPaperRequest(string? Input = null, ManualPaper? Manual = null) : IValidatable
{
    public void Validate(Checks checks)
    {
        checks.Text("input", Input, Limits.BibtexEntryChars, "the input");
        Manual?.Validate(checks);
    }
}

/// <summary>
/// The paper after an import. Outcome: "created", "merged" (new facts added) or "unchanged". Changes: the facts
/// added (or, by a moderator, changed); Proposed: facts that differ from the paper's, sent to the moderators as a
/// proposed edit (ProposalId) rather than written; Dropped: what was left out and why (a link that is not http(s) …).
/// </summary>
public sealed record AddPaperResponse(
    string Outcome, IReadOnlyList<string> Changes, PaperDetail Paper,
    IReadOnlyList<string>? Proposed = null, IReadOnlyList<string>? Dropped = null, long? ProposalId = null);

/// <summary>What happened to one entry of an imported .bib file. Outcome: added, merged, unchanged or refused.</summary>
/// <summary>Changes: facts added; Proposed: differing facts sent to the moderators; Dropped: facts left out, and why.</summary>
public sealed record BibImportItem(
    int Line, string? CitationKey, string Outcome, string? PaperKey, string? Title, string? Reason, IReadOnlyList<string> Changes,
    IReadOnlyList<string>? Proposed = null, IReadOnlyList<string>? Dropped = null, long? ProposalId = null);

/// <summary>Proposed: how many entries sent differing facts to the moderators' queue.</summary>
public sealed record BibImportReport(
    int Entries, int Added, int Merged, int Unchanged, int Refused, IReadOnlyList<BibImportItem> Items, int Proposed = 0);

/// <summary>
/// How far a .bib import has come (<c>GET /api/v1/papers/import/progress/{token}</c>, for an import sent with
/// <c>?progress={token}</c>): entries done of the file's entries, and whether it has finished.
/// </summary>
public sealed record ImportProgressView(int Done, int Total, bool Finished)
{
    /// <summary>8 to <see cref="Limits.ImportProgressTokenChars"/> letters, digits, '-' or '_' (a UUID fits).</summary>
    public static bool IsToken(string? token) =>
        token is { Length: >= 8 and <= Limits.ImportProgressTokenChars } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
