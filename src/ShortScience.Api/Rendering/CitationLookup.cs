using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Rendering;
using ShortScience.Core.Search;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Rendering;

/// <summary>
/// Resolves the \cite ids of texts to the papers the site knows, in few queries: by key, BibTeX key, alias (every key a
/// paper was known by), arXiv id (also inside dblp keys such as <c>journals/corr/abs-1706-03762</c>) and DOI.
/// </summary>
public sealed class CitationLookup(ShortScienceDb db)
{
    public async Task<RenderContext> ResolveAsync(IEnumerable<string> markdowns, CancellationToken ct = default)
    {
        var resolved = await ResolveIdsAsync(markdowns.SelectMany(Citations.FindIds).ToHashSet(), ct);
        if (resolved.Count == 0) return RenderContext.Empty;
        return new RenderContext(resolved.ToDictionary(r => r.Key, r => new CitedPaper(r.Value.Key, r.Value.Title)));
    }

    /// <summary>The ids of the papers a text cites (for "cited by").</summary>
    public async Task<IReadOnlyList<long>> CitedPaperIdsAsync(string markdown, CancellationToken ct = default) =>
        (await ResolveIdsAsync(Citations.FindIds(markdown).ToHashSet(), ct)).Values.Select(p => p.Id).Distinct().ToList();

    public sealed record Resolved(long Id, string Key, string Title);

    async Task<Dictionary<CitationId, Resolved>> ResolveIdsAsync(HashSet<CitationId> ids, CancellationToken ct)
    {
        var known = new Dictionary<CitationId, Resolved>();
        if (ids.Count == 0) return known;
        // dblp keys of arXiv papers are looked up by the arXiv id they hold.
        var legacy = new Dictionary<CitationId, string>();
        foreach (var id in ids.Where(i => i.Kind == CitationKind.Key))
        {
            if (LegacyKeys.TryArxivId(id.Value, out var inKey)) legacy[id] = inKey.Id.ToLowerInvariant();
        }
        var arxiv = ids.Where(i => i.Kind == CitationKind.Arxiv).Select(i => i.Value).Concat(legacy.Values).Distinct().ToList();
        var dois = ids.Where(i => i.Kind == CitationKind.Doi).Select(i => i.Value).ToList();
        var keys = ids.Where(i => i.Kind == CitationKind.Key).Select(i => i.Value).ToList();
        var aliases = ids.Select(i => i.Value.ToLowerInvariant()).Distinct().ToList();

        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.Status == ContentStatus.Visible) // a hidden paper is not linked (its page is a 404; its title stays hidden)
            .Where(p => arxiv.Contains(p.Key.ToLower()) || (p.ArxivId != null && arxiv.Contains(p.ArxivId.ToLower()))
                || (p.Doi != null && dois.Contains(p.Doi.ToLower()))
                || keys.Contains(p.Key) || (p.BibtexKey != null && keys.Contains(p.BibtexKey)))
            .Select(p => new { p.Id, p.Key, p.Title, p.ArxivId, p.Doi, p.BibtexKey })
            .ToListAsync(ct);

        foreach (var paper in papers.OrderBy(p => p.Id))
        {
            var cited = new Resolved(paper.Id, paper.Key, paper.Title);
            known.TryAdd(new CitationId(CitationKind.Key, paper.Key), cited);
            if (Citations.TryParseId("arXiv:" + (paper.ArxivId ?? paper.Key)) is { } arxivId)
            {
                known.TryAdd(arxivId, cited);
                foreach (var (key, inKey) in legacy) if (inKey == arxivId.Value) known.TryAdd(key, cited);
            }
            if (paper.Doi is not null) known.TryAdd(new CitationId(CitationKind.Doi, paper.Doi.ToLowerInvariant()), cited);
        }

        // What is still unknown may be a key a paper was known by before: an alias belongs to the paper that claimed it
        // first, so aliases come before the BibTeX keys of later papers.
        if (ids.Any(i => !known.ContainsKey(i)))
        {
            var byAlias = await db.PaperAliases.AsNoTracking()
                .Where(a => aliases.Contains(a.NormalizedKey) && a.Paper.Status == ContentStatus.Visible)
                .Select(a => new { a.NormalizedKey, a.Paper.Id, a.Paper.Key, a.Paper.Title })
                .ToListAsync(ct);
            var found = byAlias.ToDictionary(a => a.NormalizedKey, a => new Resolved(a.Id, a.Key, a.Title));
            foreach (var id in ids.Where(i => !known.ContainsKey(i)))
            {
                if (found.TryGetValue(id.Value.ToLowerInvariant(), out var paper)) known[id] = paper;
            }
        }
        foreach (var paper in papers.Where(p => p.BibtexKey is not null).OrderBy(p => p.Id))
        {
            known.TryAdd(new CitationId(CitationKind.Key, paper.BibtexKey!), new Resolved(paper.Id, paper.Key, paper.Title));
        }
        return known;
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
