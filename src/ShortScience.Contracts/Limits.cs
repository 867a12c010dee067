namespace ShortScience.Contracts;

/// <summary>
/// The most a person may send in one field or list. The API refuses more with a problem detail naming the field,
/// the Web forms say the same with maxlength, and the database columns are sized from these.
/// </summary>
public static class Limits
{
    public const int SummaryChars = 100_000;
    public const int CommentChars = 10_000;
    public const int EditNoteChars = 300;
    public const int QuestionTitleChars = 300;
    public const int QuestionChars = 20_000;
    public const int AnswerChars = 20_000;

    /// <summary>Comments one summary takes, and answers one question takes (whatever became of them), so no page grows without end.</summary>
    public const int CommentsPerSummary = 1_000;
    public const int AnswersPerQuestion = 200;

    public const int PaperTitleChars = 1_000;
    public const int PaperKeyChars = 200;
    public const int AbstractChars = 20_000;
    public const int AuthorsPerPaper = 500;
    public const int AuthorNameChars = 300;
    public const int KeywordsPerPaper = 50;
    public const int KeywordChars = 100;
    public const int VenueNameChars = 300;
    public const int UrlChars = 2_000;
    public const int DoiChars = 300;
    public const int ArxivIdChars = 40;
    public const int BibtexEntryChars = 50_000;
    public const int PaperAliasChars = 300;

    public const int ReadingListNoteChars = 2_000;
    public const int ReadingListEntries = 5_000;

    /// <summary>Entries in one imported .bib file (a larger library is imported in parts).</summary>
    public const int BibtexEntriesPerFile = 5_000;

    /// <summary>The token a client names a .bib import's progress by (8 to this many letters, digits, '-' or '_').</summary>
    public const int ImportProgressTokenChars = 64;

    /// <summary>How deep braces may nest in a BibTeX value.</summary>
    public const int BibtexBraceDepth = 32;

    public const int ReportReasonChars = 2_000;
    public const int ModerationReasonChars = 1_000;

    public const int DisplayNameChars = 100;
    public const int UserNameChars = 64;
    public const int BioChars = 2_000;
    public const int AffiliationChars = 200;
    public const int EmailChars = 254;
    public const int PasswordChars = 256;

    public const int SearchQueryChars = 300;
    public const int TagChars = 100;
    public const int KeysPerRequest = 500;
    public const int TokenChars = 4_096;

    /// <summary>
    /// The years a listing, its feeds, exports and follows can be about (four digits): outside them a year page is a
    /// 404 everywhere alike. Papers themselves are dated 1600–2200.
    /// </summary>
    public static bool IsListedYear(int year) => year is >= 1000 and <= 2999;
}
