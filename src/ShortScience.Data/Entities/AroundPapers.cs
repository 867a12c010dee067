namespace ShortScience.Data.Entities;

/// <summary>
/// A key a paper was known by: its imported BibTeX key, a dblp key ("conf/nips/GoodfellowPMXWOCB14"), its arXiv id or
/// DOI. <c>\cite{alias}</c> and old <c>/paper?bibtexKey=alias</c> links keep finding the paper.
/// </summary>
public sealed class PaperAlias
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;

    /// <summary>The key as it was written.</summary>
    public string Key { get; set; } = "";

    /// <summary>The key in lower case: aliases are matched case-insensitively and belong to one paper.</summary>
    public string NormalizedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum CitationSource { Summary = 0, Comment = 1, Question = 2, Answer = 3 }

/// <summary>
/// One <c>\cite{}</c> of a paper in a summary, comment, question or answer, recorded when the text is saved. Whether
/// the citing text is shown is read from the text itself, so hiding, deleting and unhiding need no bookkeeping here.
/// </summary>
public sealed class Citation
{
    public long Id { get; set; }
    public CitationSource SourceKind { get; set; }
    public long SourceId { get; set; }

    /// <summary>The paper the citing text is about (its summary's, comment's summary's, question's paper).</summary>
    public long SourcePaperId { get; set; }
    public long CitedPaperId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A paper someone saved for later, with their private note.</summary>
public sealed class ReadingListEntry
{
    public Guid UserId { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
