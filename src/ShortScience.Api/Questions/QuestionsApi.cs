using ShortScience.Api.Caching;
using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Extensions;
using ShortScience.Api.Moderation;
using ShortScience.Api.Notifications;
using ShortScience.Api.Rendering;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Questions;

/// <summary>
/// Questions on a paper (title + Markdown/math body), edits kept as revisions, the asker's accepted answer, and the
/// site-wide list of questions (still) without an answer. Answers: <see cref="AnswersApi"/>.
/// </summary>
public static class QuestionsApi
{
    public const int PageSize = 30;

    public static void MapQuestionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/papers/{key}/questions", ListAsync).WithTags("Questions").ReadsFromStandby();
        api.MapPost("/papers/{key}/questions", AskAsync).WithTags("Questions")
            .RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        api.MapGet("/questions", SiteWideAsync).WithTags("Questions").ReadsFromStandby();

        var question = api.MapGroup("/questions/{id:long}").WithTags("Questions");
        question.MapGet("/", GetAsync);
        question.MapGet("/revisions", RevisionsAsync);
        question.MapPut("/", EditAsync).RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Posting);
        question.MapDelete("/", DeleteAsync).RequireAuthorization(Policies.Member); // a ban outranks ownership
        question.MapPost("/accept/{answerId:long}", AcceptAsync).RequireAuthorization(Policies.Member);
        question.MapDelete("/accept", UnacceptAsync).RequireAuthorization(Policies.Member);
        api.MapAnswersApi();
    }

    static async Task<Results<Ok<List<QuestionView>>, ProblemHttpResult>> ListAsync(string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var paperId = await db.Papers.Shown().Where(p => p.Key == key).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (paperId is null) return Problems.NotFound($"There is no paper '{key}'.");
        return TypedResults.Ok(await QuestionThreads.LoadAsync(db, db.Questions.Where(q => q.PaperId == paperId), http.User, ct));
    }

    static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> GetAsync(long id, HttpContext http, ShortScienceDb db, CancellationToken ct) =>
        await QuestionThreads.OneAsync(db, id, http.User, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"There is no question {id}.");

    static async Task<Results<Created<QuestionView>, ProblemHttpResult>> AskAsync(
        string key, QuestionRequest request, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, Notifier notifier,
        CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Shown().Where(p => p.Key == key).Select(p => new { p.Id, p.Key, p.Title }).FirstOrDefaultAsync(ct);
        if (paper is null) return Problems.NotFound($"There is no paper '{key}'.");
        var title = Visible.OneLine(request.Title); // a blank title is refused by QuestionRequest.Validate, before this runs

        var userId = http.User.RequiredUserId();
        var now = clock.GetUtcNow();
        var rendered = await renderer.RenderAsync(request.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(QuestionRequest.NeedsText, "markdown");
        var question = new Question
        {
            PaperId = paper.Id, UserId = userId, Title = title, Markdown = request.Markdown, Html = rendered.Html, PlainText = rendered.PlainText,
            RendererVersion = rendered.RendererVersion, CreatedAt = now, UpdatedAt = now,
        };
        question.Revisions.Add(new QuestionRevision
        {
            Number = 1, Title = title, Markdown = request.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = now,
        });
        db.Questions.Add(question);
        await db.SaveChangesAsync(ct);
        await caches.QuestionChangedAsync(question.Id, ct);
        await citations.RecordQuestionAsync(question.Id, ct);
        await notifier.AskedAsync(userId, paper.Id, paper.Key, paper.Title, question.Id, title, Links.Question(paper.Key, question.Id), ct);

        var view = (await QuestionThreads.OneAsync(db, question.Id, http.User, ct))!;
        return TypedResults.Created($"/api/v1/questions/{question.Id}", view);
    }

    static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> EditAsync(
        long id, QuestionRequest edit, HttpContext http, ShortScienceDb db, ContentRenderer renderer, CitationIndex citations, CacheEviction caches, TimeProvider clock,
        CancellationToken ct)
    {
        // A question on a paper nobody can see is not there for its asker either (as with answers).
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == id && q.Paper.Status == ContentStatus.Visible, ct);
        if (question is null || question.Status == ContentStatus.Deleted) return Problems.NotFound($"There is no question {id}.");
        if (question.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only the person who asked can edit a question.");
        if (question.Status == ContentStatus.Hidden) return Problems.Forbidden("A moderator has hidden this question.");
        var title = Visible.OneLine(edit.Title);

        var rendered = await renderer.RenderAsync(edit.Markdown, ct);
        if (rendered.ShowsNothing) return Problems.BadRequest(QuestionRequest.NeedsText, "markdown");
        var now = clock.GetUtcNow();
        question.RevisionCount++;
        question.Revisions.Add(new QuestionRevision
        {
            Number = question.RevisionCount, Title = title, Markdown = edit.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion,
            CreatedAt = now,
        });
        (question.Title, question.Markdown, question.Html, question.PlainText, question.RendererVersion, question.UpdatedAt) =
            (title, edit.Markdown, rendered.Html, rendered.PlainText, rendered.RendererVersion, now);
        await db.SaveChangesAsync(ct);
        await caches.QuestionChangedAsync(id, ct);
        await citations.RecordQuestionAsync(id, ct);
        return TypedResults.Ok((await QuestionThreads.OneAsync(db, id, http.User, ct))!);
    }

    /// <summary>Soft delete by the asker or a moderator (logged); its answers leave with it.</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, HttpContext http, ShortScienceDb db, CacheEviction caches, TimeProvider clock, CancellationToken ct)
    {
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null || question.Status == ContentStatus.Deleted) return Problems.NotFound($"There is no question {id}.");
        var userId = http.User.RequiredUserId();
        if (question.UserId != userId && !http.User.IsModerator()) return Problems.Forbidden("Only the person who asked or a moderator can delete a question.");
        question.Status = ContentStatus.Deleted;
        question.UpdatedAt = clock.GetUtcNow();
        if (question.UserId != userId) ModerationLog.Add(db, userId, "delete", "question", Moderator.Id(id), null, question.UpdatedAt);
        await db.SaveChangesAsync(ct);
        await caches.QuestionChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<List<QuestionRevisionView>>, ProblemHttpResult>> RevisionsAsync(long id, ShortScienceDb db, CancellationToken ct)
    {
        if (!await db.Questions.Shown().AnyAsync(q => q.Id == id, ct)) return Problems.NotFound($"There is no question {id}.");
        var revisions = await db.QuestionRevisions.AsNoTracking().Where(r => r.QuestionId == id).OrderByDescending(r => r.Number)
            .Select(r => new QuestionRevisionView(r.Number, r.Title, r.Markdown, r.Html, r.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(revisions);
    }

    /// <summary>The asker accepts one visible answer; accepting another replaces it.</summary>
    static async Task<Results<Ok<QuestionView>, ProblemHttpResult>> AcceptAsync(
        long id, long answerId, HttpContext http, ShortScienceDb db, Notifier notifier, CacheEviction caches, CancellationToken ct)
    {
        var question = await db.Questions.Shown().Include(q => q.Paper).FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null) return Problems.NotFound($"There is no question {id}.");
        var userId = http.User.RequiredUserId();
        if (question.UserId != userId) return Problems.Forbidden("Only the person who asked can accept an answer.");
        var answer = await db.Answers.AsNoTracking().Shown().Where(a => a.Id == answerId && a.QuestionId == id)
            .Select(a => new { a.Id, a.UserId }).FirstOrDefaultAsync(ct);
        if (answer is null) return Problems.NotFound($"Question {id} has no answer {answerId}.");

        var changed = question.AcceptedAnswerId != answer.Id;
        question.AcceptedAnswerId = answer.Id;
        await db.SaveChangesAsync(ct);
        await caches.QuestionChangedAsync(id, ct);
        if (changed) await notifier.AcceptedAsync(userId, answer.UserId, question.Paper.Title, id, question.Title, answer.Id, Links.Answer(question.Paper.Key, answer.Id), ct);
        return TypedResults.Ok((await QuestionThreads.OneAsync(db, id, http.User, ct))!);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> UnacceptAsync(long id, HttpContext http, ShortScienceDb db, CacheEviction caches, CancellationToken ct)
    {
        var question = await db.Questions.Shown().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null) return Problems.NotFound($"There is no question {id}.");
        if (question.UserId != http.User.RequiredUserId()) return Problems.Forbidden("Only the person who asked can take back an acceptance.");
        question.AcceptedAnswerId = null;
        await db.SaveChangesAsync(ct);
        await caches.QuestionChangedAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Every visible question, newest first; <c>unanswered=true</c>: only those without a visible answer.</summary>
    static async Task<Results<Ok<Page<QuestionListItem>>, ProblemHttpResult>> SiteWideAsync(
        ShortScienceDb db, bool? unanswered, string? cursor, int? limit, CancellationToken ct)
    {
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
        if (limit is < 1 or > 100) return Problems.BadRequest("limit must be between 1 and 100.", "limit");
        var take = limit ?? PageSize;
        var query = db.Questions.AsNoTracking().Shown();
        if (unanswered == true) query = query.Where(q => q.AnswerCount == 0);
        return TypedResults.Ok(await PageAsync(db, query, cursor is null ? null : after, take, ct));
    }

    /// <summary>A page of questions (shown ones, filtered by the caller), newest first, after the cursor's question.</summary>
    internal static async Task<Page<QuestionListItem>> PageAsync(ShortScienceDb db, IQueryable<Question> query, Cursor? after, int take, CancellationToken ct)
    {
        if (after is { } from) query = query.Where(q => q.Id < from.Id);
        var items = await query.OrderByDescending(q => q.Id).Take(take + 1)
            .Select(q => new QuestionListItem(q.Id, q.Title, q.Paper.Key, q.Paper.Title, new UserRef(q.User.UserName!, q.User.DisplayName), q.Score,
                q.AnswerCount,
                // Answered while the accepted answer is shown (a hidden one keeps its acceptance for when it is restored).
                db.Answers.Any(a => a.Id == q.AcceptedAnswerId && a.Status == ContentStatus.Visible), q.CreatedAt, ""))
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            next = new Cursor(0, items[^1].Id).Encode();
        }
        return new Page<QuestionListItem>(items.ConvertAll(i => i with { Url = Links.Question(i.PaperKey, i.Id) }), next);
    }
}
