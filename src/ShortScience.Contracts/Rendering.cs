namespace ShortScience.Contracts;

/// <summary>Markdown to preview, as the editor sends it to <c>POST /api/v1/render</c>.</summary>
public sealed record RenderRequest(string? Markdown);

/// <summary>The sanitized HTML the same text would be saved with.</summary>
public sealed record RenderResponse(string Html);
