namespace ShortScience.Contracts;

/// <summary>Markdown to preview, as the editor sends it to <c>POST /api/v1/render</c>.</summary>
public sealed record RenderRequest(string? Markdown) : IValidatable
{
    public void Validate(Checks checks) => checks.LongText("markdown", Markdown, Limits.SummaryChars, "a text");
}

/// <summary>The sanitized HTML the same text would be saved with.</summary>
public sealed record RenderResponse(string Html);
