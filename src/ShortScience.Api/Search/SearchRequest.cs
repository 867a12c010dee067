namespace ShortScience.Api.Search;

/// <summary>A validated search: the query text and the filters that narrow the ranked results.</summary>
public sealed record SearchRequest(string Query, int? VenueId, int? From, int? To, bool? Summarized, int Offset, int Limit)
{
    /// <summary>Ranked results a query can page through; deeper pages would mean ranking everything.</summary>
    public const int Window = 100;

    public bool Filtered => VenueId is not null || From is not null || To is not null || Summarized is not null;

    /// <summary>SQL conditions on papers p for the filters (values are parameters, see <see cref="AddFilters"/>); "" when none.</summary>
    public string Filters() => FiltersExcept(null);

    /// <summary>
    /// The filters but one facet's own: a facet counts within the other active filters, so each of its counts is what
    /// choosing that value would show (a venue chosen, the year counts are that venue's; the venues still all show).
    /// </summary>
    public string FiltersExcept(SearchFacet? facet)
    {
        var where = "";
        if (VenueId is not null && facet != SearchFacet.Venue) where += " AND p.venue_id = @venue";
        if (From is not null && facet != SearchFacet.Year) where += " AND p.year >= @from";
        if (To is not null && facet != SearchFacet.Year) where += " AND p.year <= @to";
        if (Summarized is true && facet != SearchFacet.Summarized) where += " AND p.summary_count > 0";
        if (Summarized is false && facet != SearchFacet.Summarized) where += " AND p.summary_count = 0";
        return where;
    }

    public void AddFilters(Npgsql.NpgsqlCommand command)
    {
        if (VenueId is { } venue) command.Parameters.AddWithValue("venue", NpgsqlTypes.NpgsqlDbType.Integer, venue);
        if (From is { } from) command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.Integer, from);
        if (To is { } to) command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.Integer, to);
    }
}

public enum SearchFacet { Venue, Year, Summarized }
