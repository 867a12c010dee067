using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Extensions;
using ShortScience.Api.Moderation;
using ShortScience.Api.Notifications;
using ShortScience.Api.Rendering;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Questions;

/// <summary>Answers to a question: Markdown + math, edits kept as revisions, soft deletes.</summary>
public static class AnswersApi
{
    public static void MapAnswersApi(this RouteGroupBuilder api)
    {
        api.MapPost("/questions/{id:long}/answers", AnswerAsync).WithTags("Questions")
            .RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        var answer = api.MapGroup("/answers/{id:long}").WithTags("Questions");
        answer.MapGet("/", GetAsync); // where a new answer's Location points
        answer.MapGet("/revisions", RevisionsAsync);
        answer.MapPut("/", EditAsync).RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        answer.MapDelete("/", DeleteAsync).RequireAuthorization(Policies.Member); // a ban outranks ownership
    }

    /// <summary>One answer as its question shows it to this reader (404 while it, its question or its paper is out of sight).</summary>
    static async Task<Results<Ok<AnswerView>, ProblemHttpResult>> GetAsync(long id, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var questionId = await db.Answers.Where(a => a.Id == id).Select(a => (long?)a.QuestionId).FirstOrDefaultAsync(ct);
        var view = questionId is { } question ? (await QuestionThreads.OneAsync(db, question, http.User, ct))?.Answers.FirstOrDefault(a => a.Id == id) : null;
        return view is null ? Problems.NotFound($"There is no answer {id}.") : TypedResults.Ok(view);
    }

    static async Task<Results<Created<AnswerView>, ProblemHttpResult>> AnswerAsync(
        long id, AnswerRequest request, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, Notifier notifier, CacheEviction caches,
        TimeProvider clock, CancellationToken ct)
    {
        var question = await db.Questions.AsNoTracking().Shown().Where(q => q.Id == id)
            .Select(q => new { q.Id, q.UserId, q.Title, q.Paper.Key, PaperTitle = q.Paper.Title }).FirstOrDefaultAsync(ct);
        if (question is null) return Problems.NotFound($"There is no question {id}.");
        if (await db.Answers.CountAsync(a => a.QuestionId == id, ct) >= Limits.AnswersPerQuestion)
        {
            return Problems.Conflict($"This question has {Limits.AnswersPerQuestion:N0} answers, the most one question takes.");
        }

        var userId = http.User.RequiredUserId();
        var now = clock.GetUtcNow();
        var rendered = await renderer.RenderAsync(request.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(AnswerRequest.NeedsText, "markdown");
        var answer = new Answer
        {
            QuestionId = id, UserId = userId, Markdown = request.Markdown, Html = rendered.Html, PlainText = rendered.PlainText,
            RendererVersion = rendered.RendererVersion, CreatedAt = now, UpdatedAt = now,
        };
        answer.Revisions.Add(new AnswerRevision { Number = 1, Markdown = request.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = now });
        db.Answers.Add(answer);
        await db.SaveChangesAsync(ct);
        await QuestionThreads.RefreshCountAsync(db, id, ct);
        await caches.AnswerChangedAsync(answer.Id, ct);
        await citations.RecordAnswerAsync(answer.Id, ct);
        var url = Links.Answer(question.Key, answer.Id);
        await notifier.AnsweredAsync(userId, question.UserId, question.PaperTitle, id, question.Title, answer.Id, url, ct);

        var view = (await QuestionThreads.OneAsync(db, id, http.User, ct))!.Answers.Single(a => a.Id == answer.Id);
        return TypedResults.Created($"/api/v1/answers/{answer.Id}", view);
    }

    static async Task<Results<Ok<AnswerView>, ProblemHttpResult>> EditAsync(
        long id, AnswerRequest edit, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var answer = await db.Answers.FirstOrDefaultAsync(a => a.Id == id, ct);
        // Under a hidden or deleted question an answer is out of sight, and stays as it is.
        if (answer is null || answer.Status == ContentStatus.Deleted || !await db.Questions.Shown().AnyAsync(q => q.Id == answer.QuestionId, ct))
        {
            return Problems.NotFound($"There is no answer {id}.");
        }
        if (answer.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only its author can edit an answer.");
        if (answer.Status == ContentStatus.Hidden) return Problems.Forbidden("A moderator has hidden this answer.");

        var rendered = await renderer.RenderAsync(edit.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(AnswerRequest.NeedsText, "markdown");
        var now = clock.GetUtcNow();
        answer.RevisionCount++;
        answer.Revisions.Add(new AnswerRevision { Number = answer.RevisionCount, Markdown = edit.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = now });
        (answer.Markdown, answer.Html, answer.PlainText, answer.RendererVersion, answer.UpdatedAt) =
            (edit.Markdown, rendered.Html, rendered.PlainText, rendered.RendererVersion, now);
        await db.SaveChangesAsync(ct);
        await caches.AnswerChangedAsync(id, ct);
        await citations.RecordAnswerAsync(id, ct);
        return TypedResults.Ok((await QuestionThreads.OneAsync(db, answer.QuestionId, http.User, ct))!.Answers.Single(a => a.Id == id));
    }

    /// <summary>Soft delete by the author or a moderator (logged); an accepted answer stops being accepted.</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, HttpContext http, ShortScienceDb db, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var answer = await db.Answers.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (answer is null || answer.Status == ContentStatus.Deleted) return Problems.NotFound($"There is no answer {id}.");
        var userId = http.User.RequiredUserId();
        if (answer.UserId != userId && !http.User.IsModerator()) return Problems.Forbidden("Only its author or a moderator can delete an answer.");
        answer.Status = ContentStatus.Deleted;
        answer.UpdatedAt = clock.GetUtcNow();
        if (answer.UserId != userId) ModerationLog.Add(db, userId, "delete", "answer", Moderator.Id(id), null, answer.UpdatedAt);
        await db.SaveChangesAsync(ct);
        await db.Questions.Where(q => q.Id == answer.QuestionId && q.AcceptedAnswerId == id)
            .ExecuteUpdateAsync(q => q.SetProperty(x => x.AcceptedAnswerId, (long?)null), ct);
        await QuestionThreads.RefreshCountAsync(db, answer.QuestionId, ct);
        await caches.AnswerChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<List<AnswerRevisionView>>, ProblemHttpResult>> RevisionsAsync(long id, ShortScienceDb db, CancellationToken ct)
    {
        if (!await db.Answers.Shown().AnyAsync(a => a.Id == id, ct)) return Problems.NotFound($"There is no answer {id}.");
        var revisions = await db.AnswerRevisions.AsNoTracking().Where(r => r.AnswerId == id).OrderByDescending(r => r.Number)
            .Select(r => new AnswerRevisionView(r.Number, r.Markdown, r.Html, r.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(revisions);
    }
}
