using NpgsqlTypes;
using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Paper
{
    public long Id { get; set; }

    /// <summary>Stable, readable URL key: the arXiv id where there is one, else a BibTeX-style key.</summary>
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string NormalizedTitle { get; set; } = "";
    public string? Abstract { get; set; }
    public int? Year { get; set; }
    public int? VenueId { get; set; }
    public Venue? Venue { get; set; }
    public string? ArxivId { get; set; }
    public string? Doi { get; set; }
    public string? BibtexKey { get; set; }
    public string? Url { get; set; }
    public string? PdfUrl { get; set; }
    public List<string> Keywords { get; set; } = [];

    /// <summary>arXiv categories such as cs.LG, stat.ML.</summary>
    public List<string> Categories { get; set; } = [];
    public string? Field { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public ContentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? CreatedById { get; set; }

    /// <summary>Denormalized count of published, visible summaries (kept by the API on writes).</summary>
    public int SummaryCount { get; set; }
    public DateTimeOffset? LastSummaryAt { get; set; }

    /// <summary>
    /// Goes up after every change that shows on the paper's page (<c>CacheEviction</c> bumps it): a stored
    /// <see cref="PaperDocument"/> built at an older version is out of date.
    /// </summary>
    public long PageVersion { get; set; }

    /// <summary>Weighted document: title (A), authors (B), abstract (C), summaries (D).</summary>
    public NpgsqlTsVector? SearchVector { get; set; }
    public List<PaperAuthor> Authors { get; set; } = [];
    public List<Summary> Summaries { get; set; } = [];
}

public sealed class Author
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public long? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<PaperAuthor> Papers { get; set; } = [];
}

public sealed class PaperAuthor
{
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public long AuthorId { get; set; }
    public Author Author { get; set; } = null!;

    /// <summary>0-based order of the author on the paper.</summary>
    public int Position { get; set; }

    /// <summary>The name as printed on this paper (may differ from the author's canonical name).</summary>
    public string DisplayName { get; set; } = "";
}

/// <summary>A proposed change to a paper's metadata; moderators apply or reject it.</summary>
public sealed class PaperEdit
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public Guid ProposerId { get; set; }
    public string ChangesJson { get; set; } = "{}";
    public string? Note { get; set; }
    public EditStatus Status { get; set; }
    public Guid? ReviewerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}

/// <summary>
/// One change to one fact of a paper, by whom and from what (an import, a moderator's edit, an accepted proposal):
/// the paper's history, written in the same unit of work as the change.
/// </summary>
public sealed class PaperChange
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;

    /// <summary>Null for changes made by the system (seeding).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>"created", "title", "abstract", "url", "pdfUrl", "venue", "year" …</summary>
    public string Field { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>"import:bibtex", "import:arxiv", "edit", "proposal:12" …</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A paper's page as an anonymous reader gets it from <c>GET /api/v1/papers/{key}</c> (UTF-8 JSON), assembled by the
/// first read after a change and then handed out as stored bytes. Valid while <see cref="Version"/> equals the paper's
/// <see cref="Paper.PageVersion"/>, <see cref="Epoch"/> the site-wide <see cref="PageEpoch"/> and <see cref="Format"/>
/// the running code's document format.
/// </summary>
public sealed class PaperDocument
{
    public long PaperId { get; set; }
    public long Version { get; set; }
    public long Epoch { get; set; }
    public int Format { get; set; }
    public byte[] Document { get; set; } = [];
    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>One row: bumped by a change too wide to trace to papers (an account deleted, a merge), which makes every stored page document out of date at once.</summary>
public sealed class PageEpoch
{
    public int Id { get; set; }
    public long Epoch { get; set; }
}
