using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Extensions;
using ShortScience.Api.Venues;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Core.Text;
using ShortScience.Data;

namespace ShortScience.Api.Search;

/// <summary>
/// GET /search: web-search syntax ("a phrase", either OR or, -without) over titles, authors, abstracts and summaries;
/// an arXiv id or DOI answers with the paper it names instead. GET /search/suggest: titles and authors as you type.
/// </summary>
public static class SearchApi
{
    public const int MaxQueryLength = 300;

    /// <summary>
    /// A query that is an arXiv id or a DOI names one paper rather than searching: the identifier (<c>arXiv:…</c> or
    /// <c>doi:…</c>) and the key of the paper here, if any. Null for any other query. The search page and its exports use it.
    /// </summary>
    public static async Task<(string Identifier, string? Key)?> FindByIdentifierAsync(ShortScienceDb db, string query, CancellationToken ct)
    {
        var input = ImportInput.Detect(query);
        if (input.Kind is not (InputKind.Arxiv or InputKind.Doi)) return null;
        var paper = await LookupApi.FindPaperAsync(db, input.Value, ct);
        return (input.Kind == InputKind.Arxiv ? $"arXiv:{input.Value}" : $"doi:{input.Value}", paper?.Key);
    }

    /// <summary>The search's filters checked (the search page and its exports alike): the venue's id, or the refusal.</summary>
    public static async Task<(int? VenueId, ProblemHttpResult? Refused)> FiltersAsync(ShortScienceDb db, string? venue, int? from, int? to, CancellationToken ct)
    {
        int? venueId = null;
        if (!string.IsNullOrWhiteSpace(venue))
        {
            var found = await MergeChains.VenueAsync(db, venue, ct);
            if (found is null) return (null, Problems.BadRequest($"There is no venue '{venue}'.", "venue"));
            venueId = found.Id;
        }
        return from > to ? (null, Problems.BadRequest("'from' is after 'to'.", "from")) : (venueId, null);
    }

    public static void MapSearchApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/search").WithTags("Search").ReadsFromStandby();
        group.MapGet("/", SearchAsync).WithName("Search");
        group.MapGet("/suggest", SuggestAsync).WithName("Suggest");
    }

    static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        string? q, string? venue, int? from, int? to, bool? summarized, string? cursor, int? limit,
        ShortScienceDb db, PaperSearch search, CancellationToken ct)
    {
        var query = (q ?? "").Trim();
        if (query.Length > MaxQueryLength) return Problems.BadRequest($"Keep the query under {MaxQueryLength} characters.", "q");
        if (query.Length == 0) return TypedResults.Ok(new SearchResults("", 0, [], null, null));

        if (await FindByIdentifierAsync(db, query, ct) is { } named)
        {
            return TypedResults.Ok(new SearchResults(query, named.Key is null ? 0 : 1, [], null, null, named.Identifier, named.Key));
        }

        var offset = 0;
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var c) || c.Value is < 0 or >= SearchRequest.Window) return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
            offset = (int)c.Value;
        }
        var (venueId, refused) = await FiltersAsync(db, venue, from, to, ct);
        if (refused is not null) return refused;
        var request = new SearchRequest(query, venueId, from, to, summarized, offset, Math.Clamp(limit ?? 20, 1, 50));
        var results = await search.SearchAsync(request, ct);
        // Nothing found: offer the query with its misspelt words corrected (on the first page, whatever the filters).
        if (results.Total == 0 && offset == 0)
        {
            var corrected = await DidYouMean.FindAsync(db, query, ct);
            results = results with { DidYouMean = corrected };
        }
        return TypedResults.Ok(results);
    }

    static async Task<Results<Ok<List<Suggestion>>, ProblemHttpResult>> SuggestAsync(string? q, ShortScienceDb db, CancellationToken ct)
    {
        var text = (q ?? "").Trim();
        // Trigram lookups need three characters; fewer would match everything.
        if (text.Length < 3) return TypedResults.Ok(new List<Suggestion>());
        text = TextCut.Prefix(text, 100);
        return TypedResults.Ok(await Suggestions.FindAsync(db, text, ct));
    }
}
