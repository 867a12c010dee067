using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>Every revision of a summary, readable, comparable and restorable.</summary>
public static class HistoryApi
{
    /// <param name="summary">The root of one summary (<c>/summaries/{id}</c>).</param>
    public static void MapHistoryApi(this RouteGroupBuilder summary)
    {
        var group = summary;
        group.MapGet("/revisions", ListAsync);
        group.MapGet("/revisions/{number:int}", GetAsync);
        group.MapGet("/diff", DiffAsync);
        group.MapPost("/restore/{number:int}", RestoreAsync).RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
    }

    static async Task<Results<Ok<SummaryHistory>, ProblemHttpResult>> ListAsync(long id, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var s = await db.Summaries.AsNoTracking().Where(x => x.Id == id && x.Paper.Status == ContentStatus.Visible)
            .Select(x => new
            {
                x.Status, x.UserId, x.Anonymous, x.CurrentRevision, x.Paper.Key, x.Paper.Title, x.User.UserName, x.User.DisplayName,
                Revisions = x.Revisions.OrderByDescending(r => r.Number).Select(r => new
                {
                    r.Number, r.CreatedAt, r.EditorId, r.Note, r.RestoredFrom, r.Markdown.Length,
                }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (s is null || !SummaryAccess.CanSee(s.Status, s.UserId, http.User)) return NoSummary(id);
        var author = SummaryAccess.Byline(s.Anonymous, s.UserId, s.UserName!, s.DisplayName, http.User);
        var revisions = s.Revisions.ConvertAll(r => new RevisionListItem(
            r.Number, r.CreatedAt, r.EditorId == s.UserId ? author : null, r.Note, r.RestoredFrom, r.Length));
        return TypedResults.Ok(new SummaryHistory(id, s.Key, s.Title, author, s.CurrentRevision, revisions));
    }

    static async Task<Results<Ok<RevisionView>, ProblemHttpResult>> GetAsync(long id, int number, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var r = await db.SummaryRevisions.AsNoTracking()
            .Where(x => x.SummaryId == id && x.Number == number && x.Summary.Paper.Status == ContentStatus.Visible)
            .Select(x => new
            {
                x.Summary.Status, x.Summary.UserId, x.Summary.Anonymous, x.Summary.CurrentRevision, x.Summary.Paper.Key,
                x.Summary.Paper.Title, x.Summary.User.UserName, x.Summary.User.DisplayName, x.CreatedAt, x.Markdown, x.Html, x.Note, x.RestoredFrom,
            })
            .FirstOrDefaultAsync(ct);
        if (r is null || !SummaryAccess.CanSee(r.Status, r.UserId, http.User)) return Problems.NotFound($"Summary {id} has no revision {number}.");
        return TypedResults.Ok(new RevisionView(id, r.Key, r.Title, SummaryAccess.Byline(r.Anonymous, r.UserId, r.UserName!, r.DisplayName, http.User),
            number, r.CurrentRevision, r.CreatedAt, r.Markdown, r.Html, r.Note, r.RestoredFrom));
    }

    static async Task<Results<Ok<TextDiff>, ProblemHttpResult>> DiffAsync(
        long id, int? from, int? to, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var summary = await db.Summaries.AsNoTracking().Where(s => s.Id == id && s.Paper.Status == ContentStatus.Visible)
            .Select(s => new { s.Status, s.UserId, s.CurrentRevision }).FirstOrDefaultAsync(ct);
        if (summary is null || !SummaryAccess.CanSee(summary.Status, summary.UserId, http.User)) return NoSummary(id);
        var newer = to ?? summary.CurrentRevision;
        var older = from ?? newer - 1;
        var texts = await db.SummaryRevisions.AsNoTracking()
            .Where(r => r.SummaryId == id && (r.Number == older || r.Number == newer))
            .ToDictionaryAsync(r => r.Number, r => r.Markdown, ct);
        if (!texts.ContainsKey(newer) || (older != 0 && !texts.ContainsKey(older)))
        {
            return Problems.BadRequest($"Summary {id} has revisions 1 to {summary.CurrentRevision}; pick two of them.", "from");
        }
        return TypedResults.Ok(TextDiffer.Compare(texts.GetValueOrDefault(older, ""), texts[newer]));
    }

    static async Task<Results<Ok<PublishedRevision>, ProblemHttpResult>> RestoreAsync(
        long id, int number, RestoreRequest? request, HttpContext http, ShortScienceDb db, SummaryPublisher publisher, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var summary = await db.Summaries.AsNoTracking().Include(s => s.Paper).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (summary is null || summary.Paper.Status != ContentStatus.Visible) return NoSummary(id);
        if (summary.UserId != userId) return Problems.Forbidden("Only the author can restore a revision of their summary.");
        var markdown = await db.SummaryRevisions.Where(r => r.SummaryId == id && r.Number == number).Select(r => r.Markdown).FirstOrDefaultAsync(ct);
        if (markdown is null) return Problems.NotFound($"Summary {id} has no revision {number}.");

        var outcome = await publisher.PublishAsync(summary.Paper, userId, markdown, request?.BaseRevision ?? summary.CurrentRevision,
            summary.Anonymous, request?.Note, restoredFrom: number, ct);
        return outcome switch
        {
            PublishOutcome.Published { Revision: var r } => TypedResults.Ok(r),
            PublishOutcome.Conflict { Details: var c } => WritingApi.ConflictProblem(c),
            PublishOutcome.Hidden { Reason: var reason } => WritingApi.HiddenProblem(reason),
            PublishOutcome.ShowsNothing => Problems.BadRequest($"Revision {number} would show nothing on the page; write the summary afresh instead.", "number"),
            _ => throw new InvalidOperationException(),
        };
    }

    static ProblemHttpResult NoSummary(long id) => Problems.NotFound($"There is no summary {id}.");
}
