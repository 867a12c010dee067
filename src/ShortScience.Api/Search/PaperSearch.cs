using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using NpgsqlTypes;
using ShortScience.Core.Contracts;
using ShortScience.Core.Discovery;
using ShortScience.Core.Text;
using ShortScience.Data;

namespace ShortScience.Api.Search;

/// <summary>
/// Ranked full-text search over papers.search_vector. Ranking never scores every match: with RUM the index hands
/// over the best candidates in rank order; without it, a bounded set of matches is ranked (plus any exact title
/// match, always first). The page's rows get ts_headline snippets; the total and the facets count every match.
/// </summary>
public sealed class PaperSearch(ShortScienceDb db, SearchIndex index, IMemoryCache cache)
{
    const string Config = "public.shortscience";
    const int RumPool = Window;
    const int FallbackPool = 2000;
    const int Window = SearchRequest.Window;
    const int CachedFacetsAbove = 5000;

    /// <summary>ts_rank weights for D (summaries), C (abstract), B (authors), A (title).</summary>
    const string Weights = "'{0.1, 0.2, 0.4, 1.0}'";
    static readonly string Headline = $"StartSel={Snippet.Start}, StopSel={Snippet.Stop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var rum = await index.HasRumAsync(ct);
            var ranked = await RankAsync(connection, request, rum, ct);
            var page = ranked.Skip(request.Offset).Take(request.Limit).ToList();
            var hits = await HitsAsync(connection, request, page, ct);
            // Fewer than a window of ranked results means every match is among them.
            var total = ranked.Count < Window ? ranked.Count : await CountAsync(connection, request, ct);
            // Facets of a broad query cost a pass over its matches; people page through the same query, so keep them briefly.
            var facets = !request.Filtered && total < CachedFacetsAbove
                ? await FacetsAsync(connection, request, ct)
                : await cache.GetOrCreateAsync(("search-facets", request.Query), async entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
                    return await FacetsAsync(connection, request, ct);
                });
            var end = request.Offset + page.Count;
            var next = end < Math.Min(ranked.Count, Window) ? new Cursor(end, 0).Encode() : null;
            return new SearchResults(request.Query, total, hits, facets, next);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task<List<long>> RankAsync(NpgsqlConnection connection, SearchRequest r, bool rum, CancellationToken ct)
    {
        var where = r.Where(withFilters: true);
        var candidates = rum
            ? $"(SELECT p.id FROM papers p, q WHERE {where} ORDER BY p.search_vector <=> q.query LIMIT {RumPool})"
            : $"(SELECT p.id FROM papers p, q WHERE {where} LIMIT {FallbackPool})";
        await using var command = Command(connection, r, $"""
            WITH q AS (SELECT websearch_to_tsquery('{Config}', @q) AS query),
            c AS ({candidates} UNION (SELECT p.id FROM papers p, q WHERE p.normalized_title = @title AND {where}))
            SELECT p.id FROM papers p JOIN c ON c.id = p.id, q
            ORDER BY p.normalized_title = @title DESC, ts_rank({Weights}, p.search_vector, q.query, 1) DESC, p.id
            LIMIT {Window}
            """);
        command.Parameters.AddWithValue("title", Slug.NormalizeTitle(r.Query));
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    async Task<List<SearchHit>> HitsAsync(NpgsqlConnection connection, SearchRequest r, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var command = Command(connection, r, $"""
            WITH q AS (SELECT websearch_to_tsquery('{Config}', @q) AS query)
            SELECT p.id, p.key, p.title, p.year, p.summary_count, v.slug, v.short_name, v.name,
                   ts_headline('{Config}', concat_ws(E'\n', p.abstract, best.text), q.query, @headline),
                   (SELECT json_agg(json_build_array(pa.display_name, a.slug) ORDER BY pa.position)
                    FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = p.id)
            FROM papers p CROSS JOIN q
            LEFT JOIN venues v ON v.id = p.venue_id
            LEFT JOIN LATERAL (
                SELECT left(rv.plain_text, 4000) AS text FROM summaries s JOIN summary_revisions rv ON rv.id = s.current_revision_id
                WHERE s.paper_id = p.id AND s.status = 1 ORDER BY s.score DESC, s.id LIMIT 1) best ON true
            WHERE p.id = ANY(@ids)
            """, filtered: false);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("headline", Headline);
        var hits = new Dictionary<long, SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var authors = reader.IsDBNull(9) ? [] : JsonSerializer.Deserialize<string[][]>(reader.GetString(9))!
                .Select(a => new AuthorRef(a[0], a[1])).ToList();
            var venue = reader.IsDBNull(5) ? null : new VenueRef(reader.GetString(5), reader.GetString(6), reader.GetString(7));
            hits[reader.GetInt64(0)] = new SearchHit(reader.GetString(1), reader.GetString(2), authors, venue,
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4), Snippet.ToHtml(reader.IsDBNull(8) ? "" : reader.GetString(8)));
        }
        return [.. ids.Where(hits.ContainsKey).Select(id => hits[id])];
    }

    async Task<int> CountAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        await using var command = Command(connection, r, $"""
            WITH q AS (SELECT websearch_to_tsquery('{Config}', @q) AS query)
            SELECT count(*) FROM papers p, q WHERE {r.Where(withFilters: true)}
            """);
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Venues, years and with/without summary over every match of the query, whatever the filters.</summary>
    async Task<SearchFacets> FacetsAsync(NpgsqlConnection connection, SearchRequest r, CancellationToken ct)
    {
        await using var command = Command(connection, r, $"""
            WITH q AS (SELECT websearch_to_tsquery('{Config}', @q) AS query),
            m AS (SELECT p.venue_id, p.year, p.summary_count > 0 AS summarized, count(*) AS n
                  FROM papers p, q WHERE {r.Where(withFilters: false)} GROUP BY 1, 2, 3)
            SELECT 'v', v.slug, v.short_name, sum(m.n) FROM m JOIN venues v ON v.id = m.venue_id GROUP BY v.slug, v.short_name
            UNION ALL SELECT 'y', m.year::text, NULL, sum(m.n) FROM m WHERE m.year IS NOT NULL GROUP BY m.year
            UNION ALL SELECT 's', m.summarized::text, NULL, sum(m.n) FROM m GROUP BY m.summarized
            """, filtered: false);
        var venues = new List<VenueFacet>();
        var years = new List<YearFacet>();
        int with = 0, without = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var n = (int)reader.GetDecimal(3);
            switch (reader.GetString(0))
            {
                case "v": venues.Add(new VenueFacet(reader.GetString(1), reader.GetString(2), n)); break;
                case "y": years.Add(new YearFacet(int.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), n)); break;
                default: if (reader.GetString(1) == "true") with = n; else without = n; break;
            }
        }
        return new SearchFacets(
            [.. venues.OrderByDescending(v => v.Count).ThenBy(v => v.ShortName, StringComparer.OrdinalIgnoreCase).Take(12)],
            [.. years.OrderByDescending(y => y.Year)], with, without);
    }

    /// <summary>A command with the query and, when <paramref name="filtered"/>, the filter values its WHERE names.</summary>
    static NpgsqlCommand Command(NpgsqlConnection connection, SearchRequest r, string sql, bool filtered = true)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("q", r.Query);
        if (!filtered) return command;
        if (r.VenueId is { } venue) command.Parameters.AddWithValue("venue", NpgsqlDbType.Integer, venue);
        if (r.From is { } from) command.Parameters.AddWithValue("from", NpgsqlDbType.Integer, from);
        if (r.To is { } to) command.Parameters.AddWithValue("to", NpgsqlDbType.Integer, to);
        return command;
    }
}
