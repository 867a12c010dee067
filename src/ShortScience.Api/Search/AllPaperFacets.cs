using Npgsql;
using ShortScience.Contracts;

namespace ShortScience.Api.Search;

/// <summary>Venue, year and summary counts of all visible papers, kept ten minutes: the base of broad queries' estimates.</summary>
public sealed class AllPaperFacets
{
    SearchFacets? _facets;
    DateTimeOffset _at;
    readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SearchFacets> GetAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_facets is { } cached && DateTimeOffset.UtcNow - _at < TimeSpan.FromMinutes(10)) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_facets is { } again && DateTimeOffset.UtcNow - _at < TimeSpan.FromMinutes(10)) return again;
            await using var command = new NpgsqlCommand($"""
                SELECT 'v' AS kind, p.venue_id::bigint AS key, v.slug, v.short_name AS name, count(*) AS n
                FROM papers p JOIN venues v ON v.id = p.venue_id WHERE p.status = 0 GROUP BY p.venue_id, v.slug, v.short_name
                UNION ALL SELECT 'y', p.year, NULL, NULL, count(*) FROM papers p WHERE p.status = 0 AND p.year IS NOT NULL GROUP BY p.year
                UNION ALL SELECT 's', (p.summary_count > 0)::int, NULL, NULL, count(*) FROM papers p WHERE p.status = 0 GROUP BY 2
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            (_, _, _facets) = await MatchRows.ReadAsync(reader, ct);
            _at = DateTimeOffset.UtcNow;
            return _facets;
        }
        finally
        {
            _gate.Release();
        }
    }
}
