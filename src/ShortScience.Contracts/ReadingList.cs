namespace ShortScience.Contracts;

/// <summary>The optional body of <c>PUT /me/reading-list/{key}</c>: a private note on the saved paper.</summary>
public sealed record ReadingListRequest(string? Note = null) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("note", Note, Limits.ReadingListNoteChars, "a note");
}

/// <summary>A paper on someone's reading list, with their note and when they saved it.</summary>
public sealed record ReadingListItem(PaperListItem Paper, string? Note, DateTimeOffset SavedAt);
