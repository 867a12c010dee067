namespace ShortScience.Api.Search;

/// <summary>A validated search: the query text and the filters that narrow the ranked results.</summary>
public sealed record SearchRequest(string Query, int? VenueId, int? From, int? To, bool? Summarized, int Offset, int Limit)
{
    /// <summary>Ranked results a query can page through; deeper pages would mean ranking everything.</summary>
    public const int Window = 200;

    public bool Filtered => VenueId is not null || From is not null || To is not null || Summarized is not null;

    /// <summary>The WHERE clause for these filters (values are parameters; see <see cref="PaperSearch"/>).</summary>
    public string Where(bool withFilters)
    {
        var where = "p.status = 0 AND p.search_vector @@ q.query";
        if (!withFilters) return where;
        if (VenueId is not null) where += " AND p.venue_id = @venue";
        if (From is not null) where += " AND p.year >= @from";
        if (To is not null) where += " AND p.year <= @to";
        if (Summarized is true) where += " AND p.summary_count > 0";
        if (Summarized is false) where += " AND p.summary_count = 0";
        return where;
    }
}
