using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

/// <summary>The signed-in person's summary of one paper: what is published and any private draft.</summary>
public sealed record MySummary(
    string PaperKey, long? SummaryId, SummaryStatus? Status, int CurrentRevision, string? Markdown, bool Anonymous, DraftView? Draft);

public sealed record DraftView(string Markdown, int? BaseRevision, bool Anonymous, DateTimeOffset UpdatedAt);

public sealed record SaveDraftRequest(string Markdown, int? BaseRevision, bool Anonymous) : IValidatable
{
    public void Validate(Checks checks) => checks.LongText("markdown", Markdown, Limits.SummaryChars, "a summary");
}

/// <param name="BaseRevision">The revision the text was edited from (null or 0 for a first summary).</param>
/// <param name="Anonymous">Whether the summary shows its author; left out, it stays as it was (a first publish is signed).</param>
/// <param name="DraftSeen">
/// The time of the newest draft the editor knows (the one it opened with or last saved; <see cref="DateTimeOffset.MinValue"/>
/// for none): a draft saved later, by another tab, with other text, stays. Left out, every draft saved before the publish
/// goes with it (the draft of the very text published goes either way).
/// </param>
public sealed record PublishRequest(string Markdown, int? BaseRevision, bool? Anonymous, string? Note, DateTimeOffset? DraftSeen = null)
    : IValidatable
{
    public const string NeedsText = "A summary needs some text.";

    public void Validate(Checks checks)
    {
        if (Visible.IsBlank(Markdown)) checks.Add("markdown", NeedsText);
        checks.LongText("markdown", Markdown, Limits.SummaryChars, "a summary");
        if (Note is { Length: > Limits.EditNoteChars }) checks.Add("note", $"An edit note has at most {Limits.EditNoteChars} characters.");
    }
}

public sealed record PublishedRevision(long SummaryId, string PaperKey, int Revision, string Html, DateTimeOffset At);

/// <summary>Sent with 409 when someone published since the base revision: both texts, nothing lost.</summary>
public sealed record SaveConflict(int CurrentRevision, string TheirMarkdown, string YourMarkdown, TextDiff Diff);

public sealed record RevisionListItem(int Number, DateTimeOffset CreatedAt, UserRef? Editor, string? Note, int? RestoredFrom, int Length);

public sealed record SummaryHistory(long SummaryId, string PaperKey, string PaperTitle, UserRef? Author, int CurrentRevision, IReadOnlyList<RevisionListItem> Revisions);

public sealed record RevisionView(
    long SummaryId, string PaperKey, string PaperTitle, UserRef? Author, int Number, int CurrentRevision,
    DateTimeOffset CreatedAt, string Markdown, string Html, string? Note, int? RestoredFrom);

public sealed record RestoreRequest(int? BaseRevision, string? Note) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("note", Note, Limits.EditNoteChars, "an edit note");
}

/// <summary>A readable comparison of two texts: blocks (lines) that stayed, went, came or changed word by word.</summary>
public sealed record TextDiff(IReadOnlyList<DiffBlock> Blocks)
{
    public bool HasChanges => Blocks.Any(b => b.Kind != DiffKind.Same);
}

public sealed record DiffBlock(DiffKind Kind, IReadOnlyList<DiffSpan> Spans);

public sealed record DiffSpan(DiffKind Kind, string Text);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DiffKind>))]
public enum DiffKind { Same, Added, Removed, Changed }

/// <summary>A summary on its own page. <see cref="IsMine"/> lets the page offer edit, history and delete.</summary>
public sealed record SummaryDetail(
    long Id, string PaperKey, string PaperTitle, UserRef? Author, bool Anonymous, SummaryStatus Status, int Revision, int Score,
    int CommentCount, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string Html, bool IsMine, string? ModerationReason,
    int MyVote = 0);

/// <summary>A summary: a first draft not yet published, published, hidden by a moderator, or deleted by its author.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<SummaryStatus>))]
public enum SummaryStatus { Draft = 0, Published = 1, Hidden = 2, Deleted = 3 }

/// <summary>A published summary in full. <see cref="Author"/> is null when it was published anonymously.</summary>
public sealed record SummaryView(
    long Id, int Revision, UserRef? Author, bool Anonymous, int Score, int CommentCount,
    DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string Html, bool IsMine = false, int MyVote = 0,
    IReadOnlyList<CommentView>? Comments = null);

public sealed record SummaryListItem(
    long Id, PaperHeader Paper, UserRef? Author, bool Anonymous, int Score, int CommentCount,
    DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string ExcerptHtml);

/// <summary>A person's own unpublished draft of a summary, as "My work" lists it.</summary>
public sealed record MyDraft(string PaperKey, string PaperTitle, string Excerpt, bool Published, DateTimeOffset UpdatedAt);

/// <summary>A person's own summary, whatever its state (published, deleted by them, hidden by a moderator).</summary>
public sealed record MyWorkSummary(long Id, string PaperKey, string PaperTitle, SummaryStatus Status, int Revision, DateTimeOffset UpdatedAt);

/// <summary>A question the person asked.</summary>
public sealed record MyQuestion(long Id, string PaperKey, string PaperTitle, string Title, int AnswerCount, ContentStatus Status, DateTimeOffset CreatedAt);

/// <summary><c>GET /me/work</c>: the signed-in person's drafts, summaries and questions, newest first.</summary>
public sealed record MyWork(IReadOnlyList<MyDraft> Drafts, IReadOnlyList<MyWorkSummary> Summaries, IReadOnlyList<MyQuestion> Questions);
