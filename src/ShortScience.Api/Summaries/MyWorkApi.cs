using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Summaries;

/// <summary>"My work": the signed-in person's own drafts, summaries and questions. Only ever their own (queried by their id).</summary>
public static class MyWorkApi
{
    const int Take = 500;

    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapMyWorkApi(this RouteGroupBuilder me) => me.MapGet("/work", GetAsync).WithTags("Summaries");

    static async Task<Ok<MyWork>> GetAsync(HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.UserId == userId)
            .OrderByDescending(d => d.UpdatedAt).Take(Take)
            .Select(d => new { d.Paper.Key, d.Paper.Title, d.Markdown, Published = d.SummaryId != null, d.UpdatedAt })
            .ToListAsync(ct);
        var summaries = await db.Summaries.AsNoTracking().Where(s => s.UserId == userId && s.Status != SummaryStatus.Draft)
            .OrderByDescending(s => s.UpdatedAt).Take(Take)
            .Select(s => new MyWorkSummary(s.Id, s.Paper.Key, s.Paper.Title, s.Status, s.CurrentRevision, s.UpdatedAt))
            .ToListAsync(ct);
        var questions = await db.Questions.AsNoTracking().Where(q => q.UserId == userId && q.Status != ContentStatus.Deleted)
            .OrderByDescending(q => q.CreatedAt).Take(Take)
            .Select(q => new MyQuestion(q.Id, q.Paper.Key, q.Paper.Title, q.Title, q.AnswerCount, q.Status, q.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new MyWork(
            drafts.ConvertAll(d => new MyDraft(d.Key, d.Title, Excerpt(d.Markdown), d.Published, d.UpdatedAt)), summaries, questions));
    }

    static string Excerpt(string markdown)
    {
        var line = string.Join(' ', markdown.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : TextCut.Prefix(line, 200) + "…";
    }
}
