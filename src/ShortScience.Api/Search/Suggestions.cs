using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Contracts;
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
        var rows = await db.Database.SqlQuery<Row>($"""
            (SELECT 'paper' AS kind, title AS text, key AS target FROM papers
             WHERE status = 0 AND title ILIKE {contains}
             ORDER BY title ILIKE {prefix} DESC, summary_count DESC, id LIMIT {Papers})
            UNION ALL
            (SELECT 'author', name, slug FROM authors
             WHERE merged_into_id IS NULL AND name ILIKE {contains}
             ORDER BY name ILIKE {prefix} DESC, length(name), id LIMIT {Authors})
            """).ToListAsync(ct);
        if (rows.Count == 0)
        {
            rows = await db.Database.SqlQuery<Row>($"""
                (SELECT 'paper' AS kind, title AS text, key AS target FROM papers
                 WHERE status = 0 AND {text} <% title ORDER BY {text} <<-> title, id LIMIT {Papers})
                UNION ALL
                (SELECT 'author', name, slug FROM authors
                 WHERE merged_into_id IS NULL AND {text} <% name ORDER BY {text} <<-> name, id LIMIT {Authors})
                """).ToListAsync(ct);
        }
        return rows.ConvertAll(r => new Suggestion(r.Kind, r.Text,
            r.Kind == "paper" ? $"/papers/{Uri.EscapeDataString(r.Target)}" : $"/authors/{Uri.EscapeDataString(r.Target)}"));
    }

    static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    public sealed record Row(string Kind, string Text, string Target);
}
