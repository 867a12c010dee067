using Npgsql;
using ShortScience.Core.Contracts;

namespace ShortScience.Api.Search;

/// <summary>Finds a query's candidates, total and facets the way <see cref="SearchPlanner"/> decides.</summary>
public sealed class MatchFinder(SearchPlanner planner, AllPaperFacets everything)
{
    const int Cap = SearchPlanner.Candidates;

    public async Task<Matches> FindAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        var all = await SearchPlanner.EstimateAsync(connection, SearchPlanner.Match, c => Query(c, r), ct);
        if (!await planner.IsBroadAsync(all, connection, ct)) return await NarrowAsync(connection, r, ct);

        var filtered = r.Filtered
            ? await SearchPlanner.EstimateAsync(connection, SearchPlanner.Match + r.Filters(), c => { Query(c, r); r.AddFilters(c); }, ct)
            : all;
        var results = await WalkAsync(connection, r, r.Filtered, await planner.IsBroadAsync(filtered, connection, ct), ct);
        var exhausted = results.Count <= Cap;
        var unfiltered = !r.Filtered ? results : await WalkAsync(connection, r, false, true, ct);
        var facets = unfiltered.Count <= Cap
            ? MatchRows.Of(unfiltered)
            : MatchRows.Scale(await everything.GetAsync(connection, ct), all / (double)Math.Max(1, await planner.PapersAsync(connection, ct)));
        var candidates = results.Take(Cap).Select(m => m.Id).ToList();
        return new Matches(candidates, exhausted ? results.Count : (int)filtered, !exhausted, facets);
    }

    /// <summary>Every match through the GIN index (no vector is opened): exact total and facets in one pass.</summary>
    static async Task<Matches> NarrowAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            WITH m AS MATERIALIZED (SELECT p.id, p.venue_id, p.year, p.summary_count FROM papers p WHERE {SearchPlanner.Match}),
            f AS (SELECT p.* FROM m p WHERE true {r.Filters()})
            (SELECT 'c' AS kind, id AS key, NULL AS slug, NULL AS name, summary_count::bigint AS n FROM f ORDER BY summary_count DESC, id DESC LIMIT {Cap})
            UNION ALL SELECT 't', NULL, NULL, NULL, count(*) FROM f
            UNION ALL SELECT 'v', m.venue_id, v.slug, v.short_name, count(*) FROM m JOIN venues v ON v.id = m.venue_id GROUP BY m.venue_id, v.slug, v.short_name
            UNION ALL SELECT 'y', m.year, NULL, NULL, count(*) FROM m WHERE m.year IS NOT NULL GROUP BY m.year
            UNION ALL SELECT 's', (m.summary_count > 0)::int, NULL, NULL, count(*) FROM m GROUP BY 2
            """, connection);
        Query(command, r);
        r.AddFilters(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (candidates, total, facets) = await MatchRows.ReadAsync(reader, ct);
        return new Matches(candidates, (int)total, false, facets);
    }

    /// <summary>
    /// Up to one more than the cap of matches, most-summarized first. Broad: walking ix_papers_listing in that order and
    /// checking each vector (bitmap scans off, or PostgreSQL would read the whole posting list first).
    /// </summary>
    static async Task<List<MatchRow>> WalkAsync(NpgsqlConnection connection, SearchRequest r, bool filtered, bool broad, CancellationToken ct)
    {
        await SetBitmapScansAsync(connection, !broad, ct);
        await using var command = new NpgsqlCommand($"""
            SELECT p.id, v.slug, v.short_name, p.year, p.summary_count
            FROM papers p LEFT JOIN venues v ON v.id = p.venue_id
            WHERE {SearchPlanner.Match} {(filtered ? r.Filters() : "")}
            ORDER BY p.summary_count DESC, p.id DESC LIMIT {Cap + 1}
            """, connection);
        Query(command, r);
        if (filtered) r.AddFilters(command);
        var rows = new List<MatchRow>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new MatchRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4)));
            }
        }
        await SetBitmapScansAsync(connection, true, ct);
        return rows;
    }

    static async Task SetBitmapScansAsync(NpgsqlConnection connection, bool on, CancellationToken ct)
    {
        await using var set = new NpgsqlCommand($"SET LOCAL enable_bitmapscan = {(on ? "on" : "off")}", connection);
        await set.ExecuteNonQueryAsync(ct);
    }

    static void Query(NpgsqlCommand command, SearchRequest r) => command.Parameters.AddWithValue("q", r.Query);
}
