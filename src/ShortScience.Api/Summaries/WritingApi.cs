using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>Writing one's own summary of a paper: read it, autosave a private draft, publish a revision.</summary>
public static class WritingApi
{
    public static void MapWritingApi(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/papers/{key}/summaries/mine").WithTags("Summaries").RequireAuthorization(Policies.Member);
        mine.MapGet("/", GetMineAsync);
        mine.MapPut("/", PublishAsync).RequireRateLimiting(RateLimits.Posting); // the draft autosave is not posting
        mine.MapPut("/draft", SaveDraftAsync);
        mine.MapDelete("/draft", DiscardDraftAsync);
    }

    static async Task<Results<Ok<MySummary>, ProblemHttpResult>> GetMineAsync(string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        if (await FindPaperAsync(db, key, ct) is not { } paper) return NoPaper(key);
        var summary = await db.Summaries.AsNoTracking().Where(s => s.PaperId == paper.Id && s.UserId == userId)
            .Select(s => new { s.Id, s.Status, s.CurrentRevision, Markdown = s.Current == null ? null : s.Current.Markdown, s.Anonymous })
            .FirstOrDefaultAsync(ct);
        var draft = await db.Drafts.AsNoTracking().Where(d => d.PaperId == paper.Id && d.UserId == userId)
            .Select(d => new DraftView(d.Markdown, d.BaseRevision, d.Anonymous, d.UpdatedAt)).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new MySummary(paper.Key, summary?.Id, summary?.Status,
            summary?.CurrentRevision ?? 0, summary?.Markdown, summary?.Anonymous ?? false, draft));
    }

    static async Task<Results<Ok<DraftView>, ProblemHttpResult>> SaveDraftAsync(
        string key, SaveDraftRequest request, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Markdown is null) return Problems.BadRequest("Send the draft's text as 'markdown'.", "markdown");
        var userId = http.User.RequiredUserId();
        if (await FindPaperAsync(db, key, ct) is not { } paper) return NoPaper(key);
        var now = clock.GetUtcNow();
        var summaryId = await db.Summaries.Where(s => s.PaperId == paper.Id && s.UserId == userId).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        // One statement, so autosaves racing each other (two tabs) never fail: the last one wins the draft.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO drafts (user_id, paper_id, summary_id, markdown, base_revision, anonymous, created_at, updated_at)
            VALUES ({userId}, {paper.Id}, {summaryId}, {request.Markdown}, {request.BaseRevision}, {request.Anonymous}, {now}, {now})
            ON CONFLICT (user_id, paper_id) DO UPDATE SET markdown = excluded.markdown, base_revision = excluded.base_revision,
              anonymous = excluded.anonymous, summary_id = excluded.summary_id, updated_at = excluded.updated_at
            """, ct);
        return TypedResults.Ok(new DraftView(request.Markdown, request.BaseRevision, request.Anonymous, now));
    }

    static async Task<NoContent> DiscardDraftAsync(string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        await db.Drafts.Where(d => d.UserId == userId && d.Paper.Key == key).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<PublishedRevision>, Created<PublishedRevision>, ProblemHttpResult>> PublishAsync(
        string key, PublishRequest request, HttpContext http, ShortScienceDb db, SummaryPublisher publisher, CancellationToken ct)
    {
        if (await FindPaperAsync(db, key, ct) is not { } paper) return NoPaper(key);

        var outcome = await publisher.PublishAsync(paper, http.User.RequiredUserId(), request.Markdown, request.BaseRevision,
            request.Anonymous, request.Note, restoredFrom: null, ct, request.DraftSeen);
        return outcome switch
        {
            PublishOutcome.Published { Revision: var r, Unchanged: false } when r.Revision == 1 => TypedResults.Created($"/api/v1/summaries/{r.SummaryId}", r),
            PublishOutcome.Published { Revision: var r } => TypedResults.Ok(r),
            PublishOutcome.Conflict { Details: var c } => ConflictProblem(c),
            PublishOutcome.Hidden { Reason: var reason } => HiddenProblem(reason),
            PublishOutcome.ShowsNothing => Problems.BadRequest(PublishRequest.NeedsText, "markdown"),
            _ => throw new InvalidOperationException(),
        };
    }

    public static ProblemHttpResult HiddenProblem(string? reason) => Problems.Forbidden(
        "A moderator has hidden this summary" + (string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason})") + "; it cannot be changed while it is hidden.");

    public static ProblemHttpResult ConflictProblem(SaveConflict conflict) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Edited elsewhere",
        detail: $"Revision {conflict.CurrentRevision} was published after you started editing. Your text is kept; merge the two and publish again.",
        extensions: new Dictionary<string, object?> { ["conflict"] = conflict });

    static Task<Paper?> FindPaperAsync(ShortScienceDb db, string key, CancellationToken ct) =>
        db.Papers.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key && p.Status == ContentStatus.Visible, ct);

    static ProblemHttpResult NoPaper(string key) => Problems.NotFound($"There is no paper with the key '{key}'.");
}
