namespace ShortScience.Data.Entities;

/// <summary>
/// How far one .bib import has come, under a token its client chose, so that the page that sent the file can say so
/// while it waits (any API replica can answer). Kept for a day after the last change.
/// </summary>
public sealed class ImportProgress
{
    public string Token { get; set; } = "";
    public Guid UserId { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public bool Finished { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
