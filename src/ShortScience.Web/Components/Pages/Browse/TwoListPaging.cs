namespace ShortScience.Web.Components.Pages.Browse;

/// <summary>
/// Pages with two lists, each paged by a query parameter of its own (summarized papers by <c>cursor</c>, the waiting
/// ones by <c>more</c>; a user's summaries and comments): the site's links page one list and leave the other out;
/// with neither parameter, or both (a hand-made address), each list shows the page its parameter names.
/// </summary>
public static class TwoListPaging
{
    public static (bool First, bool Second) Shown(string? first, string? second) =>
        (first is not null || second is null, second is not null || first is null);
}
