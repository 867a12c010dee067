using ShortScience.Api.CitedBy;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Api.Moderation;
using ShortScience.Api.Security;

namespace ShortScience.Api.Papers;

/// <summary>Metadata edits: members propose, moderators apply, reject or edit directly; every decision is logged.</summary>
public static class PaperEditsApi
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapPaperEditsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/papers/{key}/edits", ProposeAsync).WithTags("Papers").RequireAuthorization(Policies.Member);
        api.MapPatch("/papers/{key}", EditAsync).WithTags("Papers").RequireAuthorization(Policies.Moderator);

        var edits = api.MapGroup("/paper-edits").WithTags("Papers").RequireAuthorization(Policies.Moderator);
        edits.MapGet("/", ListAsync);
        edits.MapPost("/{id:long}/apply", ApplyAsync);
        edits.MapPost("/{id:long}/reject", RejectAsync);
    }

    static async Task<Results<Created<PaperEditView>, ProblemHttpResult>> ProposeAsync(
        string key, PaperEditRequest request, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (PaperEditor.Validate(request.Changes) is { } problem) return problem;
        var paper = await db.Papers.FirstOrDefaultAsync(p => p.Key == key && p.Status == ContentStatus.Visible, ct);
        if (paper is null) return Problems.NotFound($"There is no paper with the key '{key}'.");

        var edit = new PaperEdit
        {
            PaperId = paper.Id, ProposerId = http.User.RequiredUserId(), ChangesJson = JsonSerializer.Serialize(request.Changes, Json),
            Note = Note(request.Note), Status = EditStatus.Pending, CreatedAt = clock.GetUtcNow(),
        };
        db.PaperEdits.Add(edit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/paper-edits/{edit.Id}", (await ViewsAsync(db, e => e.Id == edit.Id, ct)).Single());
    }

    static async Task<Results<Ok<List<PaperEditView>>, ProblemHttpResult>> ListAsync(ShortScienceDb db, string? status, CancellationToken ct)
    {
        if (!Enum.TryParse<EditStatus>(status ?? "pending", ignoreCase: true, out var wanted))
        {
            return Problems.BadRequest("status must be pending, applied or rejected.", "status");
        }
        return TypedResults.Ok(await ViewsAsync(db, e => e.Status == wanted, ct));
    }

    static async Task<Results<Ok<PaperDetail>, ProblemHttpResult>> EditAsync(
        string key, PaperEditRequest request, HttpContext http, ShortScienceDb db, PaperEditor editor, CitationCatchUp citations, TimeProvider clock,
        CancellationToken ct)
    {
        if (PaperEditor.Validate(request.Changes) is { } problem) return problem;
        var id = await db.Papers.Where(p => p.Key == key).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (id is null) return Problems.NotFound($"There is no paper with the key '{key}'.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var paper = (await editor.LoadAsync(id.Value, ct))!;
        try
        {
            var changed = await editor.ApplyAsync(paper, request.Changes, http.User.RequiredUserId(), "edit", ct);
            Log(db, http, clock, "edit-paper", key, $"{string.Join(", ", changed)}{NoteSuffix(request.Note)}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (EditConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        if (ChangesCitations(request.Changes)) await citations.PapersChangedAsync([id.Value]);
        return TypedResults.Ok((await PaperDetails.LoadAsync(db, key, http, ct))!);
    }

    static async Task<Results<Ok<PaperEditView>, ProblemHttpResult>> ApplyAsync(
        long id, HttpContext http, ShortScienceDb db, PaperEditor editor, CitationCatchUp citations, TimeProvider clock, CancellationToken ct)
    {
        var (review, refused) = await ReviewOfAsync(http, ct);
        if (refused is not null) return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var edit = await LockedAsync(db, id, ct);
        if (edit is null) return Problems.NotFound($"There is no proposed edit {id}.");
        if (edit.Status != EditStatus.Pending) return Problems.Conflict($"Edit {id} was already {edit.Status.ToString().ToLowerInvariant()}.");

        var changes = JsonSerializer.Deserialize<PaperChanges>(edit.ChangesJson, Json) ?? new PaperChanges();
        try
        {
            var paper = (await editor.LoadAsync(edit.PaperId, ct))!;
            var changed = await editor.ApplyAsync(paper, changes, http.User.RequiredUserId(), $"proposal:{id}", ct);
            Review(edit, EditStatus.Applied, http, clock);
            Log(db, http, clock, "apply-edit", paper.Key, $"edit {id}: {string.Join(", ", changed)}{NoteSuffix(review?.Reason ?? edit.Note)}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (EditConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        if (ChangesCitations(changes)) await citations.PapersChangedAsync([edit.PaperId]);
        return TypedResults.Ok((await ViewsAsync(db, e => e.Id == id, ct)).Single());
    }

    /// <summary>Texts citing the paper show its title, and find it by its arXiv id and DOI.</summary>
    static bool ChangesCitations(PaperChanges c) => c.Title is not null || c.ArxivId is not null || c.Doi is not null;

    /// <summary>
    /// The proposal, locked for this transaction: of two reviews at once (a double click, two moderators) the second
    /// waits, then finds it reviewed and answers 409, so a proposal is applied or rejected exactly once.
    /// </summary>
    static async Task<PaperEdit?> LockedAsync(ShortScienceDb db, long id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM paper_edits WHERE id = {id} FOR UPDATE", ct);
        return await db.PaperEdits.Include(e => e.Paper).FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    static async Task<Results<Ok<PaperEditView>, ProblemHttpResult>> RejectAsync(
        long id, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        var (review, refused) = await ReviewOfAsync(http, ct);
        if (refused is not null) return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var edit = await LockedAsync(db, id, ct);
        if (edit is null) return Problems.NotFound($"There is no proposed edit {id}.");
        if (edit.Status != EditStatus.Pending) return Problems.Conflict($"Edit {id} was already {edit.Status.ToString().ToLowerInvariant()}.");
        Review(edit, EditStatus.Rejected, http, clock);
        Log(db, http, clock, "reject-edit", edit.Paper.Key, $"edit {id}{NoteSuffix(review?.Reason)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ViewsAsync(db, e => e.Id == id, ct)).Single());
    }

    /// <summary>
    /// The optional reason, read by hand (a declared body would make a bodiless POST miss the endpoint): no body is no
    /// reason; a body must be JSON (415) and meet the request's limits like any other.
    /// </summary>
    static async Task<(ReviewEditRequest? Review, ProblemHttpResult? Refused)> ReviewOfAsync(HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0)) return (null, null);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the reason as JSON ({\"reason\": \"…\"}) with Content-Type: application/json, or send no body."));
        var review = await request.ReadFromJsonAsync<ReviewEditRequest>(ct);
        return review is null ? (null, null) : (review, ValidationFilter.Refusal(review));
    }

    static void Review(PaperEdit edit, EditStatus status, HttpContext http, TimeProvider clock)
    {
        edit.Status = status;
        edit.ReviewerId = http.User.RequiredUserId();
        edit.ReviewedAt = clock.GetUtcNow();
    }

    static void Log(ShortScienceDb db, HttpContext http, TimeProvider clock, string action, string target, string? reason) =>
        ModerationLog.Add(db, http.User.RequiredUserId(), action, "paper", target, reason, clock.GetUtcNow());

    static async Task<List<PaperEditView>> ViewsAsync(ShortScienceDb db, System.Linq.Expressions.Expression<Func<PaperEdit, bool>> filter, CancellationToken ct)
    {
        var rows = await db.PaperEdits.AsNoTracking().Where(filter).OrderByDescending(e => e.CreatedAt).Take(200)
            .Select(e => new
            {
                e.Id, e.Paper.Key, e.Paper.Title, e.ChangesJson, e.Note, e.Status, e.CreatedAt, e.ReviewedAt,
                Proposer = db.Users.Where(u => u.Id == e.ProposerId).Select(u => new UserRef(u.UserName!, u.DisplayName)).FirstOrDefault(),
                Reviewer = db.Users.Where(u => u.Id == e.ReviewerId).Select(u => new UserRef(u.UserName!, u.DisplayName)).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.ConvertAll(r => new PaperEditView(r.Id, r.Key, r.Title, r.Proposer,
            JsonSerializer.Deserialize<PaperChanges>(r.ChangesJson, Json) ?? new PaperChanges(), r.Note,
            r.Status, r.CreatedAt, r.Reviewer, r.ReviewedAt));
    }

    static string? Note(string? note) => Visible.IsBlank(note) ? null : TextCut.Prefix(note.Trim(), 2000);

    static string NoteSuffix(string? note) => Visible.IsBlank(note) ? "" : $" — {note.Trim()}";
}
