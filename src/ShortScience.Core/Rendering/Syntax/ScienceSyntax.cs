using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ShortScience.Core.Rendering.Syntax;

/// <summary>Inline math: <c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c> or <c>\[…\]</c> inside a paragraph.</summary>
public sealed class TexInline : LeafInline
{
    public required string Tex { get; init; }
    public required bool Display { get; init; }

    /// <summary>Where the rendered formula goes, set once the document's formulas are numbered.</summary>
    public string? Placeholder { get; set; }
}

/// <summary>Display math on lines of its own: <c>$$</c>, <c>\[</c> or a LaTeX environment such as align.</summary>
public sealed class TexBlock(BlockParser parser) : LeafBlock(parser)
{
    internal System.Text.StringBuilder Source { get; } = new();
    internal string Closing { get; init; } = "";

    /// <summary>The LaTeX environment the block is (align, equation*, …), or null for $$ and \[.</summary>
    internal string? Environment { get; init; }
    internal int Depth { get; set; } = 1;

    /// <summary>False when a blank line or the end of the text came before the closing delimiter.</summary>
    public bool Closed { get; internal set; }
    public string Tex => Source.ToString();
    public string? Placeholder { get; set; }

    /// <summary>True when the formula only defines macros and so shows nothing.</summary>
    public bool RendersEmpty { get; set; }
}

/// <summary><c>\cite{…}</c> outside math: one or more papers, linked to their pages.</summary>
public sealed class CitationInline : LeafInline
{
    public required IReadOnlyList<CitationId> Ids { get; init; }

    /// <summary>(href, text) per cited paper, set from the render context before rendering.</summary>
    public IReadOnlyList<(string Href, string Text)> Links { get; set; } = [];
}
