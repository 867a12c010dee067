using Npgsql;
using ShortScience.Contracts;

namespace ShortScience.Api.Search;

/// <summary>A query's candidates (most-summarized first), how many papers match, and the facets.</summary>
public sealed record Matches(List<long> Candidates, int Total, bool TotalEstimated, SearchFacets Facets);

/// <summary>Reads rows shaped (kind, key, slug, name, n): c = candidate, t = total, v = venue, y = year, s = summarized or not.</summary>
public static class MatchRows
{
    public const string Columns = "kind, key, slug, name, n";

    public static async Task<(List<long> Candidates, long Total, SearchFacets Facets)> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var candidates = new List<long>();
        var venues = new List<VenueFacet>();
        var years = new List<YearFacet>();
        long total = 0, with = 0, without = 0;
        while (await reader.ReadAsync(ct))
        {
            var n = reader.GetInt64(4);
            switch (reader.GetString(0))
            {
                case "c": candidates.Add(reader.GetInt64(1)); break;
                case "t": total = n; break;
                case "v": venues.Add(new VenueFacet(reader.GetString(2), reader.GetString(3), (int)n)); break;
                case "y": years.Add(new YearFacet((int)reader.GetInt64(1), (int)n)); break;
                default: if (reader.GetInt64(1) == 1) with = n; else without = n; break;
            }
        }
        return (candidates, total, Order(new SearchFacets(venues, years, (int)with, (int)without)));
    }

    /// <summary>Facets of all papers scaled to a share of them: estimates for broad queries.</summary>
    public static SearchFacets Scale(SearchFacets all, double share) =>
        new([.. all.Venues.Select(v => v with { Count = (int)Math.Round(v.Count * share) })],
            [.. all.Years.Select(y => y with { Count = (int)Math.Round(y.Count * share) })],
            (int)Math.Round(all.WithSummary * share), (int)Math.Round(all.WithoutSummary * share), Estimated: true);

    static SearchFacets Order(SearchFacets f) => f with
    {
        Venues = [.. f.Venues.OrderByDescending(v => v.Count).ThenBy(v => v.ShortName, StringComparer.OrdinalIgnoreCase).Take(12)],
        Years = [.. f.Years.OrderByDescending(y => y.Year)],
    };
}
