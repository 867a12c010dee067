using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Moderation;

/// <summary>Reports from readers, the moderators' queue, bans and the audit log.</summary>
public static class ModerationApi
{
    public static void MapModerationApi(this RouteGroupBuilder api)
    {
        // Reports are a member's act: an unconfirmed reader (a throwaway sign-up) cannot file them.
        api.MapPost("/flags", FlagAsync).WithTags("Moderation").RequireAuthorization(Policies.NotBanned).RequireRateLimiting(RateLimits.Flagging);

        var mod = api.MapGroup("/moderation").WithTags("Moderation").RequireAuthorization(Policies.Moderator);
        mod.MapGet("/flags", QueueAsync);
        mod.MapPost("/flags/{id:long}/dismiss", DismissAsync);
        mod.MapPost("/flags/{id:long}/hide", HideFlaggedAsync);
        mod.MapPost("/{targetType}/{targetId}/hide", HideAsync);
        mod.MapPost("/{targetType}/{targetId}/restore", RestoreAsync);
        mod.MapPost("/users/{name}/ban", BanAsync);
        mod.MapPost("/users/{name}/unban", UnbanAsync);
        mod.MapGet("/log", LogAsync);
        mod.MapRolesApi();
    }

    static FlagTarget? TargetOf(string type) => type switch
    {
        "summary" or "summaries" => FlagTarget.Summary,
        "comment" or "comments" => FlagTarget.Comment,
        "paper" or "papers" => FlagTarget.Paper,
        "question" or "questions" => FlagTarget.Question,
        "answer" or "answers" => FlagTarget.Answer,
        _ => null,
    };

    static async Task<Results<Created, Ok, ProblemHttpResult>> FlagAsync(FlagRequest request, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (TargetOf(request.TargetType ?? "") is not { } type) return Problems.BadRequest("You can report a summary, a comment, a paper, a question or an answer.", "targetType");
        var id = Moderator.TargetId(type, request.TargetId) ?? "";
        // Only what a reader can see can be reported (a comment under a hidden summary cannot).
        var exists = type switch
        {
            FlagTarget.Summary => long.TryParse(id, out var s) && await db.Summaries.Published().AnyAsync(x => x.Id == s, ct),
            FlagTarget.Comment => long.TryParse(id, out var c) && await db.Comments.Shown().AnyAsync(x => x.Id == c, ct),
            FlagTarget.Question => long.TryParse(id, out var q) && await db.Questions.Shown().AnyAsync(x => x.Id == q, ct),
            FlagTarget.Answer => long.TryParse(id, out var a) && await db.Answers.Shown().AnyAsync(x => x.Id == a, ct),
            _ => await db.Papers.AnyAsync(x => x.Key == id && x.Status == ContentStatus.Visible, ct),
        };
        if (!exists) return Problems.NotFound("There is nothing to report there.");
        var userId = http.User.RequiredUserId();
        // One open report per person per target: reporting again is not a second vote.
        if (await db.Flags.AnyAsync(f => f.ReporterId == userId && f.TargetType == type && f.TargetId == id && f.Status == FlagStatus.Open, ct))
        {
            return TypedResults.Ok();
        }
        db.Flags.Add(new Flag { ReporterId = userId, TargetType = type, TargetId = id, Reason = request.Reason.Trim(), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created();
    }

    static async Task<Ok<Page<FlagView>>> QueueAsync(ShortScienceDb db, string? status, string? cursor, CancellationToken ct)
    {
        var wanted = status switch { "dismissed" => FlagStatus.Dismissed, "actioned" => FlagStatus.Actioned, _ => FlagStatus.Open };
        var query = db.Flags.AsNoTracking().Where(f => f.Status == wanted);
        if (Cursor.TryDecode(cursor, out var after)) query = query.Where(f => f.Id < after.Id);
        var flags = await query.OrderByDescending(f => f.Id).Take(51).ToListAsync(ct);
        string? next = null;
        if (flags.Count > 50)
        {
            flags.RemoveAt(50);
            next = new Cursor(0, flags[^1].Id).Encode();
        }
        var views = await FlagViews.DescribeAsync(db, flags, ct);
        return TypedResults.Ok(new Page<FlagView>(views, next));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(
        long id, FlagResolution? resolution, HttpContext http, ShortScienceDb db, Moderator moderator, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (flag is null) return Problems.NotFound($"There is no report {id}.");
        // A report already dealt with (a stale queue page, a double click) must not close the newer ones on its target.
        if (flag.Status != FlagStatus.Open) return Problems.Conflict($"Report {id} was already {flag.Status.ToString().ToLowerInvariant()}.");
        var me = http.User.RequiredUserId();
        await moderator.ResolveFlagsAsync(me, flag.TargetType, flag.TargetId, FlagStatus.Dismissed, resolution?.Reason, ct);
        await moderator.LogAsync(me, "dismiss", flag.TargetType.ToString().ToLowerInvariant(), flag.TargetId, resolution?.Reason, id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> HideFlaggedAsync(
        long id, ModerationRequest request, HttpContext http, ShortScienceDb db, Moderator moderator, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (flag is null) return Problems.NotFound($"There is no report {id}.");
        if (flag.Status != FlagStatus.Open) return Problems.Conflict($"Report {id} was already {flag.Status.ToString().ToLowerInvariant()}.");
        if (Visible.IsBlank(request.Reason)) return Problems.BadRequest("Give a reason; the author will see it.", "reason");
        var me = http.User.RequiredUserId();
        return await moderator.HideAsync(me, flag.TargetType, flag.TargetId, request.Reason.Trim(), id, ct)
            ? TypedResults.NoContent() : Problems.NotFound("The reported content no longer exists.");
    }

    static Task<Results<NoContent, ProblemHttpResult>> HideAsync(
        string targetType, string targetId, ModerationRequest request, HttpContext http, Moderator moderator, CancellationToken ct) =>
        SetAsync(targetType, targetId, true, request.Reason, http, moderator, ct);

    static Task<Results<NoContent, ProblemHttpResult>> RestoreAsync(
        string targetType, string targetId, ModerationRequest? request, HttpContext http, Moderator moderator, CancellationToken ct) =>
        SetAsync(targetType, targetId, false, request?.Reason, http, moderator, ct);

    static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(
        string targetType, string targetId, bool hidden, string? reason, HttpContext http, Moderator moderator, CancellationToken ct)
    {
        if (TargetOf(targetType) is not { } type) return Problems.BadRequest("Moderate a summary, a comment, a paper, a question or an answer.", "targetType");
        if (hidden && Visible.IsBlank(reason)) return Problems.BadRequest("Give a reason; the author will see it.", "reason");
        var me = http.User.RequiredUserId();
        targetId = Moderator.TargetId(type, targetId) ?? targetId; // "07" is summary 7 in the log and for its reports too
        var done = hidden ? await moderator.HideAsync(me, type, targetId, reason!.Trim(), null, ct)
            : await moderator.SetHiddenAsync(me, type, targetId, false, reason?.Trim(), null, ct);
        return done ? TypedResults.NoContent() : Problems.NotFound("There is nothing there to moderate.");
    }

    static async Task<Results<NoContent, ProblemHttpResult>> BanAsync(string name, BanRequest request, HttpContext http, Moderator moderator, CancellationToken ct)
    {
        if (Visible.IsBlank(request.Reason)) return Problems.BadRequest("Give a reason for the ban.", "reason");
        return BanAnswer(name, await moderator.BanAsync(http.User.RequiredUserId(), http.User.IsAdmin(), name, true, request.Reason.Trim(), ct));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnbanAsync(string name, HttpContext http, Moderator moderator, CancellationToken ct) =>
        BanAnswer(name, await moderator.BanAsync(http.User.RequiredUserId(), http.User.IsAdmin(), name, false, null, ct));

    static Results<NoContent, ProblemHttpResult> BanAnswer(string name, RoleChange outcome) => outcome switch
    {
        RoleChange.NoSuchUser => Problems.NotFound($"There is no user '{name}'."),
        RoleChange.OwnAccount => Problems.Forbidden("Nobody bans or unbans themselves."),
        RoleChange.TargetIsAdmin => Problems.Forbidden("Only an admin bans or unbans a moderator or an admin."),
        _ => TypedResults.NoContent(),
    };

    static async Task<Ok<Page<ModerationLogEntry>>> LogAsync(ShortScienceDb db, string? cursor, CancellationToken ct)
    {
        var query = db.ModerationActions.AsNoTracking();
        if (Cursor.TryDecode(cursor, out var after)) query = query.Where(a => a.Id < after.Id);
        var rows = await query.OrderByDescending(a => a.Id).Take(51)
            .GroupJoin(db.Users, a => a.ModeratorId, u => u.Id, (a, us) => new { a, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new ModerationLogEntry(
                x.a.Id, u == null ? null : new UserRef(u.UserName!, u.DisplayName), x.a.Action, x.a.TargetType, x.a.TargetId, x.a.Reason, x.a.CreatedAt))
            .ToListAsync(ct);
        rows = [.. rows.OrderByDescending(r => r.Id)];
        string? next = null;
        if (rows.Count > 50)
        {
            rows.RemoveAt(50);
            next = new Cursor(0, rows[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<ModerationLogEntry>(rows, next));
    }
}
