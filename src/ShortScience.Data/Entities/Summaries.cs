using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Summary
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public SummaryStatus Status { get; set; }
    public bool Anonymous { get; set; }
    public int Score { get; set; }
    public int Upvotes { get; set; }
    public int Downvotes { get; set; }
    public int CommentCount { get; set; }
    public long ViewCount { get; set; }

    /// <summary>Number of the newest revision (0 before the first publish).</summary>
    public int CurrentRevision { get; set; }
    public long? CurrentRevisionId { get; set; }
    public SummaryRevision? Current { get; set; }
    public string? ModerationReason { get; set; }

    /// <summary>
    /// While a moderator hides the summary: the status it had before (published, or deleted by its author), so that
    /// unhiding gives back exactly that and never republishes what its author took down.
    /// </summary>
    public SummaryStatus? StatusBeforeHidden { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin, the optimistic concurrency token.</summary>
    public uint Version { get; set; }
    public List<SummaryRevision> Revisions { get; set; } = [];
    public List<Comment> Comments { get; set; } = [];
}

/// <summary>An immutable published state of a summary. Never updated after insert.</summary>
public sealed class SummaryRevision
{
    public long Id { get; set; }
    public long SummaryId { get; set; }
    public Summary Summary { get; set; } = null!;
    public int Number { get; set; }
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";

    /// <summary>The first paragraphs, rendered, for listings.</summary>
    public string ExcerptHtml { get; set; } = "";

    /// <summary>Text without markup, for search, feeds and descriptions.</summary>
    public string PlainText { get; set; } = "";
    public int RendererVersion { get; set; }
    public Guid EditorId { get; set; }
    public string? Note { get; set; }
    public int? RestoredFrom { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Autosaved, private work in progress; one per person per paper.</summary>
public sealed class Draft
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public long? SummaryId { get; set; }
    public string Markdown { get; set; } = "";

    /// <summary>The revision the draft was started from; null for a first summary.</summary>
    public int? BaseRevision { get; set; }
    public bool Anonymous { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Views and votes per summary per day, for the "popular" window.</summary>
public sealed class SummaryDailyStat
{
    public long SummaryId { get; set; }
    public DateOnly Day { get; set; }
    public int Views { get; set; }
    public int Votes { get; set; }
}
