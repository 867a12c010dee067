using Npgsql;

namespace ShortScience.Bench.Measure;

/// <summary>
/// What to ask, taken from the data: query words by how many papers contain them (PostgreSQL's statistics of the
/// search vectors: the most common lexemes and their frequencies), venue-years from the biggest to the smallest,
/// the most prolific authors and some ordinary ones.
/// </summary>
public static class Workload
{
    public static async Task<List<(string Name, List<string> Urls)>> BuildAsync(NpgsqlDataSource db, Random random)
    {
        var common = await ListAsync(db, """
            SELECT e FROM (SELECT unnest(most_common_elems::text::text[]) e, unnest(most_common_elem_freqs::real[]) f
                           FROM pg_stats WHERE tablename = 'papers' AND attname = 'search_vector') s
            WHERE f > 0.5 AND e ~ '^[a-z]{3,}$' ORDER BY f DESC LIMIT 30
            """);
        var middling = await ListAsync(db, """
            SELECT e FROM (SELECT unnest(most_common_elems::text::text[]) e, unnest(most_common_elem_freqs::real[]) f
                           FROM pg_stats WHERE tablename = 'papers' AND attname = 'search_vector') s
            WHERE f BETWEEN 0.03 AND 0.3 AND e ~ '^[a-z]{3,}$' ORDER BY f DESC LIMIT 60
            """);
        var titles = await ListAsync(db, "SELECT title FROM papers TABLESAMPLE SYSTEM (1) WHERE status = 0 LIMIT 300");
        // Longer words of sampled titles: mostly rare generated words, some common ones ("attention", "training").
        var titleWords = titles.SelectMany(t => t.Split(' ', ':')).Where(w => w.Length > 6).Select(w => w.ToLowerInvariant()).Distinct().Take(100).ToList();
        string Pick(List<string> from) => from[random.Next(from.Count)];
        string Search(string q) => $"/api/v1/search?q={Uri.EscapeDataString(q)}";
        List<string> Many(Func<string> make) => [.. Enumerable.Range(0, 100).Select(_ => make()).Distinct()];

        var venueYears = await ListAsync(db, """
            (SELECT v.slug || '/' || p.year FROM papers p JOIN venues v ON v.id = p.venue_id WHERE p.status = 0 AND p.year IS NOT NULL
             GROUP BY v.slug, p.year ORDER BY count(*) DESC LIMIT 20)
            UNION ALL
            (SELECT v.slug || '/' || p.year FROM papers p JOIN venues v ON v.id = p.venue_id WHERE p.status = 0 AND p.year IS NOT NULL
             GROUP BY v.slug, p.year ORDER BY random() LIMIT 80)
            """);
        var authors = await ListAsync(db, """
            (SELECT a.slug FROM paper_authors pa JOIN authors a ON a.id = pa.author_id GROUP BY a.slug ORDER BY count(*) DESC LIMIT 20)
            UNION ALL (SELECT slug FROM authors TABLESAMPLE SYSTEM (1) LIMIT 80)
            """);
        var tags = await ListAsync(db, "SELECT DISTINCT unnest(keywords) FROM papers TABLESAMPLE SYSTEM (1) LIMIT 50");
        var years = Enumerable.Range(2006, 20).Select(y => $"/api/v1/years/{y}").ToList();

        return
        [
            ("Search, 1 word in >50% of papers", [.. common.Select(Search)]),
            ("Search, 2 words in >50% of papers", Many(() => Search($"{Pick(common)} {Pick(common)}"))),
            ("Search, 3 words in >50% of papers", Many(() => Search($"{Pick(common)} {Pick(common)} {Pick(common)}"))),
            ("Search, 1 word in 3–30% of papers", [.. middling.Select(Search)]),
            ("Search, common + middling word", Many(() => Search($"{Pick(common)} {Pick(middling)}"))),
            ("Search, word from a title", [.. titleWords.Select(Search)]),
            ("Search, common + title word", Many(() => Search($"{Pick(common)} {Pick(titleWords)}"))),
            ("Search, \"phrase\", OR, -not", Many(() => random.Next(3) switch
            {
                0 => Search($"\"{string.Join(' ', Pick(titles).Split(' ').Take(2))}\""),
                1 => Search($"{Pick(middling)} OR {Pick(titleWords)}"),
                _ => Search($"{Pick(common)} -{Pick(middling)}"),
            })),
            ("Search, exact title", [.. titles.Take(100).Select(Search)]),
            ("Suggest (as you type)", [.. titleWords.Select(w => $"/api/v1/search/suggest?q={Uri.EscapeDataString(w[..4])}")]),
            ("Venue-year, summarized papers", [.. venueYears.Select(v => $"/api/v1/venues/{v}")]),
            ("Venue-year, needing a summary", [.. venueYears.Select(v => $"/api/v1/venues/{v}?list=unsummarized")]),
            ("Author, summarized papers", [.. authors.Select(a => $"/api/v1/authors/{a}/papers")]),
            ("Author, needing a summary", [.. authors.Select(a => $"/api/v1/authors/{a}/papers?list=unsummarized")]),
            ("Year", years),
            ("Tag", [.. tags.Select(t => $"/api/v1/tags/{Uri.EscapeDataString(t)}")]),
            ("Home: recent", ["/api/v1/summaries?sort=recent"]),
            ("Home: best", ["/api/v1/summaries?sort=best"]),
            ("Home: popular", ["/api/v1/summaries?sort=popular"]),
            ("Home: recent, field q-bio", ["/api/v1/summaries?sort=recent&field=q-bio"]),
            ("Random summary", ["/api/v1/summaries/random"]),
            ("Venue list", ["/api/v1/venues"]),
        ];
    }

    static async Task<List<string>> ListAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
