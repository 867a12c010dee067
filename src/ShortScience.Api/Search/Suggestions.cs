using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Search;

/// <summary>
/// Titles and author names containing what was typed (trigram indexes ix_papers_title_trgm, ix_authors_name_trgm
/// serve ILIKE '%…%'), starts-of-names first; when nothing contains it, the closest by word similarity (typos).
/// </summary>
public static class Suggestions
{
    const int Papers = 6;
    const int Authors = 4;

    public static async Task<List<Suggestion>> FindAsync(ShortScienceDb db, string text, CancellationToken ct)
    {
        var contains = "%" + Escape(text) + "%";
        var prefix = Escape(text) + "%";
        // Titles: those starting with the text, then those containing it, each the most summarized first. Both
        // halves are ordered like ix_papers_listing, so for a common fragment ("trai" is in 65,000 of 300,000 titles)
        // PostgreSQL walks that index and stops at the first few matches, and for a rare one reads the trigram index.
        var rows = await db.Database.SqlQuery<Row>($"""
            (SELECT 'paper' AS kind, title AS text, key AS target, 0 AS part, summary_count::bigint AS rank, id FROM papers
             WHERE status = 0 AND title ILIKE {prefix}
             ORDER BY summary_count DESC, id DESC LIMIT {Papers})
            UNION ALL
            (SELECT 'paper', title, key, 1, summary_count, id FROM papers
             WHERE status = 0 AND title ILIKE {contains}
             ORDER BY summary_count DESC, id DESC LIMIT {Papers * 2})
            UNION ALL
            (SELECT 'author', name, slug, CASE WHEN name ILIKE {prefix} THEN 2 ELSE 3 END, -length(name), id FROM authors
             WHERE merged_into_id IS NULL AND name ILIKE {contains}
             ORDER BY name ILIKE {prefix} DESC, length(name), id LIMIT {Authors})
            """).ToListAsync(ct);
        // UNION ALL keeps no order: each half's order again, titles found by both halves once.
        var titles = rows.Where(r => r.Kind == "paper").OrderBy(r => r.Part).ThenByDescending(r => r.Rank).ThenByDescending(r => r.Id)
            .DistinctBy(r => r.Target).Take(Papers);
        var names = rows.Where(r => r.Kind == "author").OrderBy(r => r.Part).ThenByDescending(r => r.Rank).ThenBy(r => r.Id);
        rows = [.. titles, .. names];
        if (rows.Count == 0)
        {
            rows = await db.Database.SqlQuery<Row>($"""
                (SELECT 'paper' AS kind, title AS text, key AS target, 0 AS part, 0::bigint AS rank, id FROM papers
                 WHERE status = 0 AND {text} <% title ORDER BY {text} <<-> title, id LIMIT {Papers})
                UNION ALL
                (SELECT 'author', name, slug, 1, 0::bigint, id FROM authors
                 WHERE merged_into_id IS NULL AND {text} <% name ORDER BY {text} <<-> name, id LIMIT {Authors})
                """).ToListAsync(ct);
        }
        return rows.ConvertAll(r => new Suggestion(r.Kind, r.Text,
            r.Kind == "paper" ? $"/papers/{Uri.EscapeDataString(r.Target)}" : $"/authors/{Uri.EscapeDataString(r.Target)}"));
    }

    static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <param name="Part">Prefix matches before the rest.</param>
    /// <param name="Rank">Higher first: a paper's summaries, an author's shorter name (minus its length).</param>
    public sealed record Row(string Kind, string Text, string Target, int Part, long Rank, long Id);
}
