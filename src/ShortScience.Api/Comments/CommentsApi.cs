using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Extensions;
using ShortScience.Api.Notifications;
using ShortScience.Contracts;
using ShortScience.Api.Rendering;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Api.Moderation;

namespace ShortScience.Api.Comments;

/// <summary>Discussion under a summary: Markdown + math comments, replies one level deep, edits kept.</summary>
public static class CommentsApi
{
    public static void MapCommentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/summaries/{id:long}/comments", ListAsync).WithTags("Comments");
        api.MapPost("/summaries/{id:long}/comments", PostAsync).WithTags("Comments")
            .RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        var comment = api.MapGroup("/comments/{id:long}").WithTags("Comments");
        comment.MapGet("/", LocateAsync);
        comment.MapGet("/revisions", RevisionsAsync);
        comment.MapPut("/", EditAsync).RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        comment.MapDelete("/", DeleteAsync).RequireAuthorization(Policies.Member); // a ban outranks ownership
        // The author's undo of their own delete (as for summaries); a moderator's delete stays.
        comment.MapPost("/undelete", UndeleteAsync).RequireAuthorization(Policies.Member);
    }

    static async Task<Results<Ok<List<CommentView>>, ProblemHttpResult>> ListAsync(long id, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        if (!await db.Summaries.Published().AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound($"There is no published summary {id}.");
        }
        var threads = await CommentThreads.LoadAsync(db, [id], http.User, ct);
        return TypedResults.Ok(threads.GetValueOrDefault(id) ?? []);
    }

    static async Task<Results<Created<CommentLocation>, ProblemHttpResult>> PostAsync(
        long id, CommentRequest request, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, Notifier notifier,
        CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var summary = await db.Summaries.AsNoTracking().Published().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.UserId, s.Paper.Key, s.Paper.Title }).FirstOrDefaultAsync(ct);
        if (summary is null) return Problems.NotFound($"There is no published summary {id}.");

        Comment? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.SummaryId == id, ct);
            if (parent is null) return Problems.BadRequest("The comment you reply to is not under this summary.", "parentId");
            // A thread whose comment (or whose first comment) was hidden or deleted takes no new replies.
            var threadOpen = parent.Status == ContentStatus.Visible
                && (parent.ParentId is not { } root || await db.Comments.AnyAsync(c => c.Id == root && c.Status == ContentStatus.Visible, ct));
            if (!threadOpen) return Problems.Conflict("The comment you reply to has been removed; it takes no new replies.");
        }
        if (await db.Comments.CountAsync(c => c.SummaryId == id, ct) >= Limits.CommentsPerSummary)
        {
            return Problems.Conflict($"This summary has {Limits.CommentsPerSummary:N0} comments, the most one summary takes.");
        }
        var userId = http.User.RequiredUserId();
        var now = clock.GetUtcNow();
        var rendered = await renderer.RenderAsync(request.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(CommentRequest.NeedsText, "markdown");
        var comment = new Comment
        {
            SummaryId = id, UserId = userId, ParentId = parent?.ParentId ?? parent?.Id, // a reply to a reply joins the thread
            Markdown = request.Markdown, Html = rendered.Html, PlainText = rendered.PlainText, RendererVersion = rendered.RendererVersion,
            CreatedAt = now, UpdatedAt = now,
        };
        comment.Revisions.Add(new CommentRevision { Number = 1, Markdown = request.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = now });
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);
        await CommentThreads.RefreshCountAsync(db, id, ct);
        await caches.CommentChangedAsync(comment.Id, ct);
        await citations.RecordCommentAsync(comment.Id, ct);

        var url = Links.Comment(summary.Key, id, comment.Id);
        await notifier.CommentedAsync(userId, summary.UserId, parent?.UserId, summary.Title, id, comment.Id, url, ct);
        return TypedResults.Created($"/api/v1/comments/{comment.Id}", new CommentLocation(comment.Id, id, summary.Key, url));
    }

    static async Task<Results<Ok<CommentLocation>, ProblemHttpResult>> EditAsync(
        long id, CommentEdit edit, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var comment = await db.Comments.Include(c => c.Summary).ThenInclude(s => s.Paper).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null || comment.Status == ContentStatus.Deleted) return Problems.NotFound($"There is no comment {id}.");
        if (comment.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only its author can edit a comment.");
        if (comment.Status == ContentStatus.Hidden) return Problems.Forbidden("A moderator has hidden this comment.");

        var rendered = await renderer.RenderAsync(edit.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(CommentRequest.NeedsText, "markdown");
        var now = clock.GetUtcNow();
        comment.RevisionCount++;
        comment.Revisions.Add(new CommentRevision { Number = comment.RevisionCount, Markdown = edit.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = now });
        (comment.Markdown, comment.Html, comment.PlainText, comment.RendererVersion, comment.UpdatedAt) =
            (edit.Markdown, rendered.Html, rendered.PlainText, rendered.RendererVersion, now);
        await db.SaveChangesAsync(ct);
        await caches.CommentChangedAsync(id, ct);
        await citations.RecordCommentAsync(id, ct);
        return TypedResults.Ok(new CommentLocation(id, comment.SummaryId, comment.Summary.Paper.Key, Links.Comment(comment.Summary.Paper.Key, comment.SummaryId, id)));
    }

    /// <summary>Soft delete by the author or a moderator; a comment with replies leaves a placeholder.</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, HttpContext http, ShortScienceDb db, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null || comment.Status == ContentStatus.Deleted) return Problems.NotFound($"There is no comment {id}.");
        var userId = http.User.RequiredUserId();
        var moderator = http.User.IsModerator();
        if (comment.UserId != userId && !moderator) return Problems.Forbidden("Only its author or a moderator can delete a comment.");
        comment.Status = ContentStatus.Deleted;
        comment.UpdatedAt = clock.GetUtcNow();
        if (comment.UserId != userId)
        {
            ModerationLog.Add(db, userId, "delete", "comment", id.ToString(CultureInfo.InvariantCulture), null, comment.UpdatedAt);
        }
        await db.SaveChangesAsync(ct);
        await CommentThreads.RefreshCountAsync(db, comment.SummaryId, ct);
        await caches.CommentChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UndeleteAsync(
        long id, HttpContext http, ShortScienceDb db, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return Problems.NotFound($"There is no comment {id}.");
        if (comment.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only its author can bring back a deleted comment.");
        if (comment.Status == ContentStatus.Visible) return TypedResults.NoContent();
        var key = id.ToString(CultureInfo.InvariantCulture);
        var deletedByModerator = await db.ModerationActions.AnyAsync(a => a.TargetType == "comment" && a.TargetId == key && a.Action == "delete"
            && a.CreatedAt >= comment.UpdatedAt, ct);
        // A comment its author deleted while a moderator hid it keeps the moderator's reason: it stays down.
        if (comment.Status != ContentStatus.Deleted || deletedByModerator || comment.ModerationReason is not null)
        {
            return Problems.Conflict("A moderator removed this comment, so it cannot be brought back.");
        }
        comment.Status = ContentStatus.Visible;
        await db.SaveChangesAsync(ct);
        await CommentThreads.RefreshCountAsync(db, comment.SummaryId, ct);
        await caches.CommentChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<CommentLocation>, ProblemHttpResult>> LocateAsync(long id, ShortScienceDb db, CancellationToken ct)
    {
        var found = await db.Comments.AsNoTracking()
            .Shown().Where(c => c.Id == id)
            .Select(c => new { c.SummaryId, c.Summary.Paper.Key }).FirstOrDefaultAsync(ct);
        return found is null ? Problems.NotFound($"There is no comment {id}.")
            : TypedResults.Ok(new CommentLocation(id, found.SummaryId, found.Key, Links.Comment(found.Key, found.SummaryId, id)));
    }

    static async Task<Results<Ok<List<CommentRevisionView>>, ProblemHttpResult>> RevisionsAsync(long id, ShortScienceDb db, CancellationToken ct)
    {
        var visible = await db.Comments.Shown().AnyAsync(c => c.Id == id, ct);
        if (!visible) return Problems.NotFound($"There is no comment {id}.");
        var revisions = await db.CommentRevisions.AsNoTracking().Where(r => r.CommentId == id).OrderByDescending(r => r.Number)
            .Select(r => new CommentRevisionView(r.Number, r.Markdown, r.Html, r.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(revisions);
    }


}
