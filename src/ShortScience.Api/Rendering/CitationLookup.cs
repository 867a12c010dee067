using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Rendering;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Rendering;

/// <summary>Resolves the \cite ids of texts to the papers the site knows, in one query.</summary>
public sealed class CitationLookup(ShortScienceDb db)
{
    public async Task<RenderContext> ResolveAsync(IEnumerable<string> markdowns, CancellationToken ct = default)
    {
        var ids = markdowns.SelectMany(Citations.FindIds).ToHashSet();
        if (ids.Count == 0) return RenderContext.Empty;
        var arxiv = ids.Where(i => i.Kind == CitationKind.Arxiv).Select(i => i.Value).ToList();
        var dois = ids.Where(i => i.Kind == CitationKind.Doi).Select(i => i.Value).ToList();
        var keys = ids.Where(i => i.Kind == CitationKind.Key).Select(i => i.Value).ToList();

        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.Status != ContentStatus.Deleted)
            .Where(p => arxiv.Contains(p.Key.ToLower()) || (p.ArxivId != null && arxiv.Contains(p.ArxivId.ToLower()))
                || (p.Doi != null && dois.Contains(p.Doi.ToLower()))
                || keys.Contains(p.Key) || (p.BibtexKey != null && keys.Contains(p.BibtexKey)))
            .Select(p => new { p.Key, p.Title, p.ArxivId, p.Doi, p.BibtexKey })
            .ToListAsync(ct);

        var known = new Dictionary<CitationId, CitedPaper>();
        foreach (var paper in papers)
        {
            var cited = new CitedPaper(paper.Key, paper.Title);
            known.TryAdd(new CitationId(CitationKind.Key, paper.Key), cited);
            if (Citations.TryParseId("arXiv:" + (paper.ArxivId ?? paper.Key)) is { } arxivId) known.TryAdd(arxivId, cited);
            if (paper.Doi is not null) known.TryAdd(new CitationId(CitationKind.Doi, paper.Doi.ToLowerInvariant()), cited);
            if (paper.BibtexKey is not null) known.TryAdd(new CitationId(CitationKind.Key, paper.BibtexKey), cited);
        }
        return new RenderContext(known);
    }
}

/// <summary>What saving and previewing use: citations looked up, then the text rendered.</summary>
public sealed class ContentRenderer(IMarkdownRenderer renderer, CitationLookup citations)
{
    public int Version => renderer.Version;

    /// <exception cref="RenderRefusedException">The text cannot be rendered; see <see cref="RenderProblems"/>.</exception>
    public async Task<RenderedText> RenderAsync(string markdown, CancellationToken ct = default) =>
        renderer.Render(markdown, await citations.ResolveAsync([markdown], ct));
}
