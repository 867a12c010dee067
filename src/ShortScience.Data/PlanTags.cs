namespace ShortScience.Data;

/// <summary>
/// Marks (EF Core TagWith) statements that read a whole table or window on purpose, off the request path;
/// `bench/bench.sh plans` lists them apart from the statements that must use an index.
/// </summary>
public static class PlanTags
{
    public const string Background = "background:";

    /// <summary>How the tag opens a statement's text (EF writes tags as SQL comments).</summary>
    public const string BackgroundComment = "-- " + Background;
}
