namespace ShortScience.Api.Search;

/// <summary>A validated search: the query text and the filters that narrow the ranked results.</summary>
public sealed record SearchRequest(string Query, int? VenueId, int? From, int? To, bool? Summarized, int Offset, int Limit)
{
    /// <summary>Ranked results a query can page through; deeper pages would mean ranking everything.</summary>
    public const int Window = 100;

    public bool Filtered => VenueId is not null || From is not null || To is not null || Summarized is not null;

    /// <summary>SQL conditions on papers p for the filters (values are parameters, see <see cref="AddFilters"/>); "" when none.</summary>
    public string Filters()
    {
        var where = "";
        if (VenueId is not null) where += " AND p.venue_id = @venue";
        if (From is not null) where += " AND p.year >= @from";
        if (To is not null) where += " AND p.year <= @to";
        if (Summarized is true) where += " AND p.summary_count > 0";
        if (Summarized is false) where += " AND p.summary_count = 0";
        return where;
    }

    public void AddFilters(Npgsql.NpgsqlCommand command)
    {
        if (VenueId is { } venue) command.Parameters.AddWithValue("venue", NpgsqlTypes.NpgsqlDbType.Integer, venue);
        if (From is { } from) command.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.Integer, from);
        if (To is { } to) command.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.Integer, to);
    }
}
