namespace ShortScience.Core.Rendering;

/// <summary>Limits and sizes of the renderer; the API binds them from the "Rendering" configuration section.</summary>
public sealed record RendererOptions
{
    /// <summary>Longer texts are refused (characters).</summary>
    public int MaxInputLength { get; init; } = 100_000;

    /// <summary>A render that takes longer is stopped and refused.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>V8 engines kept for KaTeX/MathJax; each renders one document at a time.</summary>
    public int EnginePoolSize { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Characters of KaTeX HTML kept for formulas seen before (about two bytes each); 0 turns the cache off.</summary>
    public long FormulaCacheChars { get; init; } = 8_000_000;
}
