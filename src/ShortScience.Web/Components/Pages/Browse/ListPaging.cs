namespace ShortScience.Web.Components.Pages.Browse;

/// <summary>
/// Pages with several lists, each paged by a query parameter of its own (summarized papers by <c>cursor</c>, the
/// waiting ones by <c>more</c>; a user's summaries, comments, questions and answers): the site's links page one list
/// and leave the others out; with no parameter every list shows its first page, and with several (a hand-made address)
/// each named list shows the page its parameter names.
/// </summary>
public static class ListPaging
{
    /// <summary>Whether the list paged by <paramref name="cursor"/> shows, among the lists paged by <paramref name="cursors"/>.</summary>
    public static bool Shows(string? cursor, params string?[] cursors) => cursor is not null || cursors.All(c => c is null);

    public static (bool First, bool Second) Shown(string? first, string? second) => (Shows(first, first, second), Shows(second, first, second));
}
