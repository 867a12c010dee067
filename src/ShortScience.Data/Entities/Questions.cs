using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

/// <summary>A question on a paper: title + Markdown body rendered at write time, like a comment.</summary>
public sealed class Question
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public string Title { get; set; } = "";
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public string PlainText { get; set; } = "";
    public int RendererVersion { get; set; }
    public ContentStatus Status { get; set; }
    public string? ModerationReason { get; set; }
    public int Score { get; set; }
    public int Upvotes { get; set; }
    public int Downvotes { get; set; }

    /// <summary>The answer the asker accepted, if any.</summary>
    public long? AcceptedAnswerId { get; set; }

    /// <summary>Denormalized count of visible answers (kept by the API on writes).</summary>
    public int AnswerCount { get; set; }
    public int RevisionCount { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Answer> Answers { get; set; } = [];
    public List<QuestionRevision> Revisions { get; set; } = [];
}

/// <summary>Immutable, numbered; editing a question adds one.</summary>
public sealed class QuestionRevision
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public Question Question { get; set; } = null!;
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public int RendererVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Answer
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public Question Question { get; set; } = null!;
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public string PlainText { get; set; } = "";
    public int RendererVersion { get; set; }
    public ContentStatus Status { get; set; }
    public string? ModerationReason { get; set; }
    public int Score { get; set; }
    public int Upvotes { get; set; }
    public int Downvotes { get; set; }
    public int RevisionCount { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<AnswerRevision> Revisions { get; set; } = [];
}

public sealed class AnswerRevision
{
    public long Id { get; set; }
    public long AnswerId { get; set; }
    public Answer Answer { get; set; } = null!;
    public int Number { get; set; }
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public int RendererVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
