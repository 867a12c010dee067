using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Core.Search;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>
/// Every key a paper was known by (imported BibTeX key, dblp key, arXiv id, DOI), kept so that <c>\cite{key}</c> and
/// old <c>/paper?bibtexKey=key</c> links find it forever. An alias belongs to the first paper that claimed it.
/// </summary>
public static class PaperAliases
{
    /// <summary>The keys worth remembering for metadata a paper was imported or merged from.</summary>
    public static IEnumerable<string?> KeysOf(PaperMetadata m)
    {
        yield return m.BibtexKey;
        // dblp writes its keys as "DBLP:conf/nips/…"; old ShortScience links use the part after the colon.
        if (m.BibtexKey is { } key && key.StartsWith("DBLP:", StringComparison.OrdinalIgnoreCase)) yield return key[5..];
        yield return m.ArxivId;
        yield return m.Doi;
    }

    /// <summary>Tracks (does not save) aliases for the keys no paper has claimed yet.</summary>
    public static async Task AddAsync(ShortScienceDb db, Paper paper, IEnumerable<string?> keys, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = new Dictionary<string, string>();
        foreach (var raw in keys)
        {
            var key = raw?.Trim();
            if (string.IsNullOrEmpty(key) || key.Length > Limits.PaperAliasChars || key == paper.Key) continue;
            if (key.Any(char.IsControl)) continue;
            wanted.TryAdd(key.ToLowerInvariant(), key);
        }
        if (wanted.Count == 0) return;
        var normalized = wanted.Keys.ToList();
        var taken = (await db.PaperAliases.Where(a => normalized.Contains(a.NormalizedKey)).Select(a => a.NormalizedKey).ToListAsync(ct))
            .Concat(db.PaperAliases.Local.Select(a => a.NormalizedKey)).ToHashSet();
        foreach (var (norm, key) in wanted)
        {
            if (taken.Contains(norm)) continue;
            db.PaperAliases.Add(new PaperAlias { Paper = paper, Key = key, NormalizedKey = norm, CreatedAt = now });
        }
    }

    /// <summary>
    /// The visible paper a key names: its own key, its BibTeX key, an alias, an arXiv id in any form (dblp's
    /// <c>journals/corr/abs-1706-03762</c> included), or a DOI.
    /// </summary>
    public static async Task<Paper?> FindAsync(ShortScienceDb db, string id, CancellationToken ct)
    {
        var text = id.Trim();
        if (text.Length == 0 || text.Length > 2 * Limits.PaperAliasChars) return null;
        var visible = db.Papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible);
        var lower = text.ToLowerInvariant();
        var found = await visible.Where(p => p.Key == text).FirstOrDefaultAsync(ct);
        if (found is not null) return found;
        // An alias belongs to the paper that claimed it first, before a later paper's BibTeX key of the same text.
        var withoutPrefix = lower.StartsWith("dblp:") ? lower[5..] : lower;
        found = await db.PaperAliases.AsNoTracking()
            .Where(a => (a.NormalizedKey == lower || a.NormalizedKey == withoutPrefix) && a.Paper.Status == ContentStatus.Visible)
            .OrderBy(a => a.Id).Select(a => a.Paper).FirstOrDefaultAsync(ct)
            ?? await visible.Where(p => p.BibtexKey == text).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (found is not null) return found;
        if (LegacyKeys.TryArxivId(text, out var arxiv))
        {
            found = await visible.Where(p => p.ArxivId == arxiv.Id || p.Key == arxiv.Key).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
            if (found is not null) return found;
        }
        if (Doi.TryNormalize(text, out var doi))
        {
            found = await visible.Where(p => p.Doi == doi).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        }
        return found;
    }
}
