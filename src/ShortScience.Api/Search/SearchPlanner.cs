using System.Text.Json;
using Npgsql;

namespace ShortScience.Api.Search;

/// <summary>
/// Chooses how to find a query's best papers without touching every match. PostgreSQL's own estimate (its
/// statistics keep the frequency of the most common lexemes) says how many papers match:
/// - narrow: every match is read through the GIN index, without opening the big vectors, for exact counts and
///   facets; the most-summarized of them are ranked. Its cost grows with the matches m (a heap visit and the facet
///   counts, ~3–4 µs each).
/// - broad: papers are walked in popularity order (ix_papers_listing) and each vector checked until enough match;
///   the walk reads about Candidates × papers / m vectors (~10 µs each, they are big), so it is cheap exactly when
///   narrow is not. Counts and facets become estimates (PostgreSQL's estimate; all papers' facets scaled to it).
/// The two cost the same near m = √(Candidates × papers) (5,500 matches at 300,000 papers; bench/bench.sh measured
/// the crossover between 5,300 and 5,900), so a query is broad above BroadFactor (default 1) times that, and never
/// under BroadMinimum matches (default 3,000), where narrow takes a few milliseconds and gives exact facets.
/// Either way at most <see cref="Candidates"/> vectors are ranked with ts_rank.
/// </summary>
public sealed class SearchPlanner(IConfiguration configuration)
{
    public const int Candidates = SearchRequest.Window;
    public const string Config = "public.shortscience";
    public const string Match = $"p.status = 0 AND p.search_vector @@ websearch_to_tsquery('{Config}', @q)";

    double BroadFactor => configuration.GetValue("Search:BroadFactor", 1.0);
    int BroadMinimum => configuration.GetValue("Search:BroadMinimum", 3000);

    long _papers;
    DateTimeOffset _countedAt = DateTimeOffset.MinValue;

    /// <summary>Visible papers, from the table statistics (refreshed every few minutes).</summary>
    public async Task<long> PapersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow - _countedAt < TimeSpan.FromMinutes(5)) return _papers;
        await using var command = new NpgsqlCommand("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'papers'::regclass", connection);
        _papers = (long)(await command.ExecuteScalarAsync(ct))!;
        _countedAt = DateTimeOffset.UtcNow;
        return _papers;
    }

    public async Task<bool> IsBroadAsync(long estimate, NpgsqlConnection connection, CancellationToken ct) =>
        estimate > BroadMinimum && estimate > BroadFactor * Math.Sqrt(Candidates * (double)await PapersAsync(connection, ct));

    /// <summary>The planner's estimate of the papers matching <paramref name="where"/> (no query is run).</summary>
    public static async Task<long> EstimateAsync(NpgsqlConnection connection, string where, Action<NpgsqlCommand> parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM papers p WHERE {where}", connection);
        parameters(command);
        var json = (string)(await command.ExecuteScalarAsync(ct))!;
        using var plan = JsonDocument.Parse(json);
        return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }
}
