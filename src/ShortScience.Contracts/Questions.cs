namespace ShortScience.Contracts;

/// <summary>Asking about a paper: a one-line title and a Markdown + math body.</summary>
public sealed record QuestionRequest(string Title, string Markdown) : IValidatable
{
    public const string NeedsText = "A question needs some text.";

    public void Validate(Checks checks)
    {
        // A title of nothing but spaces, control and zero-width characters is as blank as an empty one.
        if (Visible.IsBlank(Title)) checks.Add("title", "A question needs a title.");
        else checks.Text("title", Title, Limits.QuestionTitleChars, "a question's title");
        if (Visible.IsBlank(Markdown)) checks.Add("markdown", NeedsText);
        checks.LongText("markdown", Markdown, Limits.QuestionChars, "a question");
    }
}

public sealed record AnswerRequest(string Markdown) : IValidatable
{
    public const string NeedsText = "An answer needs some text.";

    public void Validate(Checks checks)
    {
        if (Visible.IsBlank(Markdown)) checks.Add("markdown", NeedsText);
        checks.LongText("markdown", Markdown, Limits.AnswerChars, "an answer");
    }
}

/// <summary>
/// A question on a paper with its answers (accepted answer first, then by score). Only visible content is listed,
/// except to moderators, who also get hidden questions and answers with their <see cref="Status"/>.
/// <see cref="Markdown"/> is sent only to the asker, for editing.
/// </summary>
public sealed record QuestionView(
    long Id, string PaperKey, string PaperTitle, UserRef Author, string Title, string Html, ContentStatus Status, int Score,
    int AnswerCount, long? AcceptedAnswerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Edited, bool IsMine, int MyVote,
    string Url, IReadOnlyList<AnswerView> Answers, string? Markdown = null);

public sealed record AnswerView(
    long Id, long QuestionId, UserRef Author, string Html, ContentStatus Status, int Score, bool Accepted,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Edited, bool IsMine, int MyVote, string Url, string? Markdown = null);

/// <summary>A question in a site-wide list (for example "questions without an answer").</summary>
public sealed record QuestionListItem(
    long Id, string Title, string PaperKey, string PaperTitle, UserRef Author, int Score, int AnswerCount, bool HasAcceptedAnswer,
    DateTimeOffset CreatedAt, string Url);

/// <summary>An answer on its author's profile: the question it answers and where to read it.</summary>
public sealed record UserAnswerItem(
    long Id, long QuestionId, string QuestionTitle, string PaperKey, string PaperTitle, string Html, int Score, bool Accepted,
    DateTimeOffset CreatedAt, string Url);

public sealed record QuestionRevisionView(int Number, string Title, string Markdown, string Html, DateTimeOffset CreatedAt);

public sealed record AnswerRevisionView(int Number, string Markdown, string Html, DateTimeOffset CreatedAt);
