using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Data;

namespace ShortScience.Api.Search;

/// <summary>
/// "Did you mean": for a query that finds nothing, each misspelt word is replaced by the closest word (by edit
/// distance) of the titles and author names the header box would suggest (pg_trgm word similarity), and the
/// corrected query is offered only if it finds papers.
/// </summary>
public static class DidYouMean
{
    public static async Task<string?> FindAsync(ShortScienceDb db, string query, CancellationToken ct)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 8) return null;
        var vocabulary = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in await db.Database.SqlQuery<string>($"""
            (SELECT title AS "Value" FROM papers WHERE status = 0 AND {query} <% title ORDER BY {query} <<-> title, id LIMIT 8)
            UNION ALL
            (SELECT name FROM authors WHERE merged_into_id IS NULL AND {query} <% name ORDER BY {query} <<-> name, id LIMIT 4)
            """).ToListAsync(ct))
        {
            foreach (var word in text.Split(' ', '-', ':', ',', '.', ';', '(', ')', '?', '!', '"')) if (word.Length > 2) vocabulary.Add(word.ToLowerInvariant());
        }
        if (vocabulary.Count == 0) return null;

        var changed = false;
        var corrected = words.Select(word =>
        {
            // The word's own marks stay where they were: an exclusion stays one, a phrase keeps its quotes.
            var start = word.Length - word.TrimStart('"', '-').Length;
            var end = word.Length - word.TrimEnd('"').Length;
            if (start + end >= word.Length) return word;
            var bare = word[start..^end].ToLowerInvariant();
            if (bare.Length < 3 || vocabulary.Contains(bare) || word.Equals("or", StringComparison.OrdinalIgnoreCase)) return word;
            var best = vocabulary.Select(v => (Word: v, Distance: Distance(bare, v))).OrderBy(c => c.Distance).ThenBy(c => c.Word, StringComparer.Ordinal).First();
            if (best.Distance > Math.Max(1, bare.Length / 3)) return word;
            changed = true;
            return word[..start] + best.Word + word[^end..];
        }).ToList();
        if (!changed) return null;
        var suggestion = string.Join(' ', corrected);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM papers p WHERE {SearchPlanner.Match})", connection);
        command.Parameters.AddWithValue("q", suggestion);
        return (bool)(await command.ExecuteScalarAsync(ct))! ? suggestion : null;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute; each costs one).</summary>
    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
