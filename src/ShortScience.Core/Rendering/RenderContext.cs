namespace ShortScience.Core.Rendering;

/// <summary>A paper known to the site: where a citation of it links, and the title it shows.</summary>
public sealed record CitedPaper(string Key, string Title);

/// <summary>What a render needs from outside the text: the papers its \cite ids resolve to (looked up by the API).</summary>
public sealed record RenderContext(IReadOnlyDictionary<CitationId, CitedPaper> Papers)
{
    public static RenderContext Empty { get; } = new(new Dictionary<CitationId, CitedPaper>());
}
