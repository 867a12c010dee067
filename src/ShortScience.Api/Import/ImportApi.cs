using ShortScience.Api.CitedBy;
using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Api.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Api.Papers;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Data;

namespace ShortScience.Api.Import;

/// <summary>Adding papers: one by arXiv id, DOI, BibTeX entry or form (POST /papers), or a whole .bib file (POST /papers/import).</summary>
public static class ImportApi
{
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/papers").WithTags("Import").RequireAuthorization(Policies.Member);
        group.MapPost("/", AddAsync).WithName("AddPaper").RequireRateLimiting(RateLimits.Posting);
        group.MapPost("/import", BibImportEndpoint.ImportAsync).WithName("ImportBibtex").DisableAntiforgery().RequireRateLimiting(RateLimits.Posting);
        group.MapGet("/import/progress/{token}", BibImportEndpoint.ProgressAsync).WithName("ImportProgress");
        return group;
    }

    static async Task<Results<Created<AddPaperResponse>, Ok<AddPaperResponse>, ProblemHttpResult>> AddAsync(
        AddPaperRequest request, HttpContext http, MetadataFetcher fetcher, PaperImporter importer, ShortScienceDb db,
        CacheEviction cache, CitationCatchUp citations, ILogger<PaperImporter> logger, CancellationToken ct)
    {
        // A paper already here is found by its arXiv id or DOI (any form) without asking arXiv or Crossref.
        if (request.Manual is null && await KnownPaperAsync(db, ImportInput.Detect(request.Input), ct) is { } knownKey)
        {
            logger.LogInformation("Paper {Key} already here for {Input}; no metadata fetched", knownKey, request.Input);
            var known = await PaperDetails.LoadAsync(db, knownKey, http, ct)
                ?? throw new InvalidOperationException($"Paper {knownKey} vanished while it was added.");
            return TypedResults.Ok(new AddPaperResponse("unchanged", [], known));
        }

        PaperMetadata metadata;
        try
        {
            var (read, problem) = await ReadAsync(request, fetcher, ct);
            if (problem is not null) return problem;
            metadata = read!;
        }
        catch (UpstreamException ex)
        {
            logger.LogWarning(ex, "Metadata service failed: {Message}", ex.Message);
            return TypedResults.Problem(statusCode: ex.Status, detail: $"{ex.Message} {ByHand}",
                title: ex.Status == StatusCodes.Status504GatewayTimeout ? "The metadata service timed out" : "The metadata service failed");
        }
        catch (ImportRefusedException ex)
        {
            return Unprocessable(ex.Message);
        }

        var userId = http.User.RequiredUserId();
        var moderator = http.User.IsModerator();
        ImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(metadata, userId, moderator, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (ImportRefusedException ex)
        {
            return Unprocessable(ex.Message);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone added the same paper a moment ago: this import now merges into theirs.
            db.ChangeTracker.Clear();
            outcome = await importer.ImportAsync(metadata, userId, moderator, ct);
            await db.SaveChangesAsync(ct);
        }

        var key = outcome.Paper.Key;
        // A new paper shows on its own page and in its listings; an import into a known paper may have moved it
        // (venue, year), which the fallback (every cached read) covers.
        if (outcome.Status == ImportStatus.Created) await cache.PaperChangedAsync(key, ct);
        // Texts that cited it before it was here (or by a key, arXiv id or DOI it has just been given) link to it now.
        await citations.PapersChangedAsync([outcome.Paper.Id]);
        logger.LogInformation("Paper {Key} {Outcome} from {Source} {Changes}, proposed {Proposed}, dropped {Dropped}",
            key, outcome.Status, metadata.Source, outcome.Changes, outcome.Proposed, outcome.Dropped);
        var paper = await PaperDetails.LoadAsync(db, key, http, ct)
            ?? throw new InvalidOperationException($"Paper {key} vanished after its import.");
        var response = new AddPaperResponse(outcome.Status.ToString().ToLowerInvariant(), outcome.Changes, paper,
            outcome.Proposed, outcome.Dropped, outcome.Proposal?.Id);
        return outcome.Status == ImportStatus.Created
            ? TypedResults.Created($"/api/v1/papers/{Uri.EscapeDataString(key)}", response)
            : TypedResults.Ok(response);
    }

    static async Task<(PaperMetadata?, ProblemHttpResult?)> ReadAsync(AddPaperRequest request, MetadataFetcher fetcher, CancellationToken ct)
    {
        if (request.Manual is { } manual) return ManualInput.Read(manual);

        var input = ImportInput.Detect(request.Input);
        switch (input.Kind)
        {
            case InputKind.Arxiv or InputKind.Doi:
                return (await fetcher.FetchAsync(input, ct), null);
            case InputKind.Bibtex:
                var doc = BibtexParser.Parse(input.Value);
                if (doc.Entries.Count == 0)
                {
                    var why = doc.Problems.FirstOrDefault()?.Message ?? "It holds no entry.";
                    return (null, Problems.BadRequest($"The BibTeX could not be read: {why}", "input"));
                }
                if (doc.Entries.Count > 1)
                {
                    return (null, Problems.BadRequest(
                        $"The BibTeX holds {doc.Entries.Count} entries; add one at a time, or import them as a .bib file.", "input"));
                }
                return (BibtexMetadata.From(doc.Entries[0]), null);
            default:
                return (null, Problems.BadRequest(
                    "Paste an arXiv id or link, a DOI or doi.org link, or a BibTeX entry, or fill in the form by hand.", "input"));
        }
    }

    /// <summary>What a person can do when the metadata service cannot be reached.</summary>
    public const string ByHand = "You can still add the paper by hand: use the form \"Type it in by hand\" on the add page (/add).";

    /// <summary>The key of the visible paper an arXiv id or DOI names, looked up here only.</summary>
    static async Task<string?> KnownPaperAsync(ShortScienceDb db, ImportInput input, CancellationToken ct)
    {
        switch (input.Kind)
        {
            case InputKind.Arxiv when ArxivId.TryParse(input.Value, out var id):
                return await db.Papers.Where(p => p.Status == ContentStatus.Visible && (p.ArxivId == id.Id || p.Key == id.Key))
                    .OrderBy(p => p.Id).Select(p => p.Key).FirstOrDefaultAsync(ct)
                    ?? (await PaperAliases.FindAsync(db, id.Id, ct))?.Key;
            case InputKind.Doi:
                var doi = input.Value.ToLowerInvariant();
                return await db.Papers.Where(p => p.Status == ContentStatus.Visible && p.Doi!.ToLower() == doi)
                    .OrderBy(p => p.Id).Select(p => p.Key).FirstOrDefaultAsync(ct)
                    ?? (await PaperAliases.FindAsync(db, doi, ct))?.Key;
            default:
                return null;
        }
    }

    public static ProblemHttpResult Unprocessable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No paper to add", detail: detail);
}
