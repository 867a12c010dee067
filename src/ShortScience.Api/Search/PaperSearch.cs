using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Contracts;
using ShortScience.Core.Search;
using ShortScience.Core.Text;
using ShortScience.Data;

namespace ShortScience.Api.Search;

/// <summary>
/// Ranked full-text search over papers.search_vector. <see cref="MatchFinder"/> bounds the candidates; they (and an
/// exact title match, always first) are ranked by ts_rank with title, authors, abstract and summaries weighted
/// 1, 0.4, 0.2, 0.1; the page's rows get ts_headline snippets.
/// </summary>
public sealed class PaperSearch(ShortScienceDb db, MatchFinder finder)
{
    const string Config = SearchPlanner.Config;
    const string Weights = "'{0.1, 0.2, 0.4, 1.0}'";
    static readonly string Headline = $"StartSel={Snippet.Start}, StopSel={Snippet.Stop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // JIT compiling costs more than these short queries take; a sequential scan would open every vector.
        await using (var set = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL enable_seqscan = off", connection))
        {
            await set.ExecuteNonQueryAsync(ct);
        }
        var matches = await finder.FindAsync(connection, request, ct);
        var ranked = await RankAsync(connection, request, matches.Candidates, ct);
        var page = ranked.Skip(request.Offset).Take(request.Limit).ToList();
        var hits = await HitsAsync(connection, request, page, ct);
        var end = request.Offset + page.Count;
        var next = end < ranked.Count ? new Cursor(end, 0).Encode() : null;
        // An exact title match outside the candidates still counts.
        var total = Math.Max(matches.Total, ranked.Count);
        return new SearchResults(request.Query, total, hits, matches.Facets, next, TotalEstimated: matches.TotalEstimated);
    }

    static async Task<List<long>> RankAsync(NpgsqlConnection connection, SearchRequest r, List<long> candidates, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT p.id FROM papers p
            WHERE (p.id = ANY(@ids) OR p.normalized_title = @title) AND {SearchPlanner.Match} {r.Filters()}
            ORDER BY p.normalized_title = @title DESC,
                     ts_rank({Weights}, p.search_vector, websearch_to_tsquery('{Config}', @q), 1) DESC, p.id
            LIMIT {SearchRequest.Window}
            """, connection);
        command.Parameters.AddWithValue("q", r.Query);
        command.Parameters.AddWithValue("ids", candidates.ToArray());
        command.Parameters.AddWithValue("title", Slug.NormalizeTitle(r.Query));
        r.AddFilters(command);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    static async Task<List<SearchHit>> HitsAsync(NpgsqlConnection connection, SearchRequest r, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var command = new NpgsqlCommand($"""
            SELECT p.id, p.key, p.title, p.year, p.summary_count, v.slug, v.short_name, v.name,
                   ts_headline('{Config}', concat_ws(E'\n', p.abstract, best.text), websearch_to_tsquery('{Config}', @q), @headline),
                   (SELECT json_agg(json_build_array(pa.display_name, a.slug) ORDER BY pa.position)
                    FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = p.id)
            FROM papers p
            LEFT JOIN venues v ON v.id = p.venue_id
            LEFT JOIN LATERAL (
                SELECT left(rv.plain_text, 1500) AS text FROM summaries s JOIN summary_revisions rv ON rv.id = s.current_revision_id
                WHERE s.paper_id = p.id AND s.status = 1 ORDER BY s.score DESC, s.id LIMIT 1) best ON true
            WHERE p.id = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("q", r.Query);
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
}
