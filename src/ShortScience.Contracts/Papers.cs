using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record AuthorRef(string Name, string Slug);

/// <param name="Kind">Set on a paper's own page (its Highwire tags name a conference or a journal); null in listings.</param>
public sealed record VenueRef(string Slug, string ShortName, string Name,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] VenueKind? Kind = null);

public sealed record UserRef(string UserName, string DisplayName);

/// <summary>What a listing shows about a paper.</summary>
public sealed record PaperHeader(string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year);

public sealed record PaperListItem(
    string Key, string Title, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year,
    int SummaryCount, string? ArxivId, string? Doi, DateTimeOffset CreatedAt);

public sealed record PaperDetail(
    string Key, string Title, string? Abstract, IReadOnlyList<AuthorRef> Authors, VenueRef? Venue, int? Year,
    IReadOnlyList<string> Keywords, string? ArxivId, string? Doi, string? Url, string? PdfUrl, string? BibtexKey,
    DateOnly? PublishedOn, IReadOnlyList<SummaryView> Summaries, string? Bibtex = null, IReadOnlyList<CitingText>? CitedBy = null,
    string? AbstractHtml = null, IReadOnlyList<QuestionView>? Questions = null);

/// <summary>A paper or comment: shown, hidden by a moderator, or deleted by its author.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ContentStatus>))]
public enum ContentStatus { Visible = 0, Hidden = 1, Deleted = 2 }

/// <summary>A proposed change to a paper's facts: waiting, applied by a moderator, or rejected.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<EditStatus>))]
public enum EditStatus { Pending = 0, Applied = 1, Rejected = 2 }

/// <summary>Metadata fields to change; null means "leave as it is".</summary>
public sealed record PaperChanges(
    string? Title = null, IReadOnlyList<string>? Authors = null, string? Venue = null, int? Year = null,
    string? Abstract = null, string? Doi = null, string? ArxivId = null, string? Url = null, string? PdfUrl = null,
    IReadOnlyList<string>? Keywords = null, DateOnly? PublishedOn = null) : IValidatable
{
    public void Validate(Checks checks)
    {
        // A title given is a title to show: one of nothing but spaces or zero-width characters would blank the paper's.
        if (Title is not null && Visible.IsBlank(Title)) checks.Add("title", "A paper needs a title.");
        else checks.Text("title", Title, Limits.PaperTitleChars, "a title");
        checks.Texts("authors", Authors, Limits.AuthorsPerPaper, Limits.AuthorNameChars, "authors")
            .Text("venue", Venue, Limits.VenueNameChars, "a venue").Text("abstract", Abstract, Limits.AbstractChars, "an abstract")
            .WebAddress("url", Url, "the paper's address").WebAddress("pdfUrl", PdfUrl, "the PDF's address")
            .Text("doi", Doi, Limits.DoiChars, "a DOI").Text("arxivId", ArxivId, Limits.ArxivIdChars, "an arXiv id")
            .Texts("keywords", Keywords, Limits.KeywordsPerPaper, Limits.KeywordChars, "keywords");
    }
}

/// <summary>A proposed (members) or direct (moderators) metadata edit, with a note saying why.</summary>
public sealed record PaperEditRequest(PaperChanges Changes, string? Note = null) : IValidatable
{
    public void Validate(Checks checks)
    {
        Changes?.Validate(checks);
        checks.Text("note", Note, Limits.ReportReasonChars, "a note");
    }
}

public sealed record PaperEditView(
    long Id, string PaperKey, string PaperTitle, UserRef? Proposer, PaperChanges Changes, string? Note, EditStatus Status,
    DateTimeOffset CreatedAt, UserRef? Reviewer, DateTimeOffset? ReviewedAt);

public sealed record ReviewEditRequest(string? Reason = null) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("reason", Reason, Limits.ModerationReasonChars, "a reason");
}

public sealed record BibtexExportRequest(IReadOnlyList<string> Keys) : IValidatable
{
    public void Validate(Checks checks) => checks.Texts("keys", Keys, Limits.KeysPerRequest, Limits.PaperKeyChars, "keys");
}

/// <summary>One change to one fact of a paper (GET /api/v1/papers/{key}/changes), newest first.</summary>
public sealed record PaperChangeView(
    long Id, string Field, string? Before, string? After, string Source, UserRef? By, DateTimeOffset At);

/// <summary>
/// Where the signed-in reader stands with a paper (GET /api/v1/me/papers/{key}): following it, following its venue,
/// saved on their reading list. One answer for the paper page's buttons instead of one question each.
/// </summary>
public sealed record MyPaperState(bool Following, bool FollowingVenue, bool Saved);
