using Npgsql;
using ShortScience.Contracts;

namespace ShortScience.Api.Search;

/// <summary>Finds a query's candidates, total and facets the way <see cref="SearchPlanner"/> decides.</summary>
public sealed class MatchFinder(SearchPlanner planner, AllPaperFacets everything)
{
    const int Cap = SearchPlanner.Candidates;

    /// <summary>How far down the popularity order a broad query looks before counting its matches the narrow way.</summary>
    const int WalkLimit = 20_000;

    public async Task<Matches> FindAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        var all = await SearchPlanner.EstimateAsync(connection, SearchPlanner.Match, c => Query(c, r), ct);
        if (!await planner.IsBroadAsync(all, connection, ct)) return await NarrowAsync(connection, r, withFacets: true, ct);

        var walked = await WalkAsync(connection, r, ct);
        // Fewer matches among the popular papers than expected (an estimate can be wrong): count them the narrow way;
        // on a site small enough that the walk saw every paper, the facets are cheap to count too.
        if (walked.Count <= Cap)
        {
            var small = await planner.PapersAsync(connection, ct) <= WalkLimit;
            var narrow = await NarrowAsync(connection, r, withFacets: small, ct);
            return small ? narrow : narrow with { Facets = await EstimatedFacetsAsync(connection, all, ct) };
        }
        var filtered = r.Filtered
            ? await SearchPlanner.EstimateAsync(connection, SearchPlanner.Match + r.Filters(), c => { Query(c, r); r.AddFilters(c); }, ct)
            : all;
        return new Matches([.. walked.Take(Cap)], (int)Math.Max(filtered, Cap + 1), true, await EstimatedFacetsAsync(connection, all, ct));
    }

    async Task<SearchFacets> EstimatedFacetsAsync(NpgsqlConnection connection, long matches, CancellationToken ct) =>
        MatchRows.Scale(await everything.GetAsync(connection, ct), matches / (double)Math.Max(1, await planner.PapersAsync(connection, ct)));

    /// <summary>
    /// Every match through the GIN index (the rows are read, the big vectors are not): candidates, exact total and,
    /// when asked, exact facets in one pass, each counted within the other facets' active filters.
    /// </summary>
    static async Task<Matches> NarrowAsync(NpgsqlConnection connection, SearchRequest r, bool withFacets, CancellationToken ct)
    {
        var source = withFacets ? $"SELECT p.id, p.venue_id, p.year, p.summary_count FROM papers p WHERE {SearchPlanner.Match}" : "SELECT NULL::bigint AS id, NULL::int AS venue_id, NULL::int AS year, 0 AS summary_count WHERE false";
        var filtered = withFacets ? $"SELECT p.* FROM m p WHERE true {r.Filters()}" : $"SELECT p.id, p.venue_id, p.year, p.summary_count FROM papers p WHERE {SearchPlanner.Match} {r.Filters()}";
        await using var command = new NpgsqlCommand($"""
            WITH m AS MATERIALIZED ({source}),
            f AS MATERIALIZED ({filtered})
            (SELECT 'c' AS kind, id AS key, NULL AS slug, NULL AS name, summary_count::bigint AS n FROM f ORDER BY summary_count DESC, id DESC LIMIT {Cap})
            UNION ALL SELECT 't', NULL, NULL, NULL, count(*) FROM f
            UNION ALL SELECT 'v', p.venue_id, v.slug, v.short_name, count(*) FROM m p JOIN venues v ON v.id = p.venue_id
                WHERE true {r.FiltersExcept(SearchFacet.Venue)} GROUP BY p.venue_id, v.slug, v.short_name
            UNION ALL SELECT 'y', p.year, NULL, NULL, count(*) FROM m p WHERE p.year IS NOT NULL {r.FiltersExcept(SearchFacet.Year)} GROUP BY p.year
            UNION ALL SELECT 's', (p.summary_count > 0)::int, NULL, NULL, count(*) FROM m p WHERE true {r.FiltersExcept(SearchFacet.Summarized)} GROUP BY 2
            """, connection);
        Query(command, r);
        r.AddFilters(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (candidates, total, facets) = await MatchRows.ReadAsync(reader, ct);
        return new Matches(candidates, (int)total, false, facets);
    }

    /// <summary>
    /// The most-summarized matches, by walking ix_papers_listing in that order and checking each vector (bitmap scans
    /// off: PostgreSQL would otherwise read the word's whole posting list first). Looks at most WalkLimit papers.
    /// </summary>
    static async Task<List<long>> WalkAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        await SetBitmapScansAsync(connection, false, ct);
        await using var command = new NpgsqlCommand($"""
            SELECT p.id FROM (
                SELECT p.id, p.search_vector FROM papers p WHERE p.status = 0 {r.Filters()}
                ORDER BY p.summary_count DESC, p.id DESC LIMIT {WalkLimit}) p
            WHERE p.search_vector @@ websearch_to_tsquery('{SearchPlanner.Config}', @q)
            LIMIT {Cap + 1}
            """, connection);
        Query(command, r);
        r.AddFilters(command);
        var ids = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        await SetBitmapScansAsync(connection, true, ct);
        return ids;
    }

    static async Task SetBitmapScansAsync(NpgsqlConnection connection, bool on, CancellationToken ct)
    {
        await using var set = new NpgsqlCommand($"SET LOCAL enable_bitmapscan = {(on ? "on" : "off")}", connection);
        await set.ExecuteNonQueryAsync(ct);
    }

    static void Query(NpgsqlCommand command, SearchRequest r) => command.Parameters.AddWithValue("q", r.Query);
}
