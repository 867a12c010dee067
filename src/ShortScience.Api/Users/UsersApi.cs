using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Api.Questions;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Api.Summaries;

namespace ShortScience.Api.Users;

/// <summary>A person's public profile, with their summaries, comments, questions and answers, newest first.</summary>
public static class UsersApi
{
    /// <summary>Each of a profile's lists pages by this many (one more is read to know whether there is a next page).</summary>
    const int PageSize = 20;

    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").ReadsFromStandby();
        users.MapGet("/{name}", ProfileAsync);
        users.MapGet("/{name}/summaries", SummariesAsync);
        users.MapGet("/{name}/comments", CommentsAsync);
        users.MapGet("/{name}/questions", QuestionsAsync);
        users.MapGet("/{name}/answers", AnswersAsync);
    }

    /// <remarks>SummaryCount is the public one; the person themselves also gets AnonymousSummaryCount, the summaries
    /// their profile lists only to them, so the count they see agrees with the list.</remarks>
    static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> ProfileAsync(string name, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        var profile = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Bio, u.Affiliation, u.CreatedAt,
                // Visibility.Published() spelled out (EF cannot call it inside a projection): what the list shows.
                Scores = db.Summaries.Where(s => s.UserId == u.Id && s.Status == SummaryStatus.Published
                        && s.Paper.Status == ContentStatus.Visible && !s.Anonymous)
                    .Select(s => s.Score).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (profile is null) return Problems.NotFound($"There is no user '{name}'.");
        var anonymous = http.User.UserId() == profile.Id
            ? await db.Summaries.Published().CountAsync(s => s.UserId == profile.Id && s.Anonymous, ct) : 0;
        return TypedResults.Ok(new UserProfile(profile.UserName!, profile.DisplayName, profile.Bio, profile.Affiliation,
            profile.CreatedAt, profile.Scores.Count, profile.Scores.Count == 0 ? null : profile.Scores.Average(), anonymous));
    }


    static async Task<Results<Ok<Page<SummaryListItem>>, ProblemHttpResult>> SummariesAsync(
        string name, string? cursor, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        // Anonymous summaries stay off the public profile; their author still sees them there.
        var self = http.User.UserId() == userId;
        var query = db.Summaries.AsNoTracking()
            .Published().Where(s => s.UserId == userId && (self || !s.Anonymous));
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) return BadCursor();
        if (cursor is not null)
        {
            var at = after.Time;
            query = query.Where(s => s.PublishedAt < at || (s.PublishedAt == at && s.Id < after.Id));
        }
        var items = await query.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(PageSize + 1)
            .Select(SummaryProjections.ListItem)
            .ToListAsync(ct);
        // Only the author lists their own anonymous summaries here, and sees their name on them.
        if (self) items = items.ConvertAll(i => i.Anonymous ? i with { Author = new UserRef(http.User.Identity!.Name!, DisplayNameOf(http.User)) } : i);
        return TypedResults.Ok(PageOf(items, i => new Cursor(i.PublishedAt.UtcTicks, i.Id)));
    }

    /// <summary>A cursor this API did not hand out, as every other listing answers it.</summary>
    static ProblemHttpResult BadCursor() => Problems.BadRequest("The cursor is not one this API handed out.", "cursor");

    static async Task<Results<Ok<Page<UserCommentItem>>, ProblemHttpResult>> CommentsAsync(
        string name, string? cursor, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        var query = db.Comments.AsNoTracking().Shown().Where(c => c.UserId == userId);
        // Comments under one's own anonymous summary would unmask it here: only its author and moderators see them listed.
        if (http.User.UserId() != userId && !http.User.IsModerator()) query = query.Where(c => !(c.Summary.Anonymous && c.Summary.UserId == userId));
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) return BadCursor();
        if (cursor is not null) query = query.Where(c => c.Id < after.Id);
        var items = await query.OrderByDescending(c => c.Id).Take(PageSize + 1)
            .Select(c => new UserCommentItem(c.Id, c.SummaryId, c.Summary.Paper.Key, c.Summary.Paper.Title, c.Html, c.Score, c.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(PageOf(items, i => new Cursor(0, i.Id)));
    }

    /// <summary>The shown questions a person asked, newest first.</summary>
    static async Task<Results<Ok<Page<QuestionListItem>>, ProblemHttpResult>> QuestionsAsync(
        string name, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) return BadCursor();
        return TypedResults.Ok(await QuestionsApi.PageAsync(db, db.Questions.AsNoTracking().Shown().Where(q => q.UserId == userId),
            cursor is null ? null : after, PageSize, ct));
    }

    /// <summary>The shown answers a person wrote (to shown questions), newest first, each with its question.</summary>
    static async Task<Results<Ok<Page<UserAnswerItem>>, ProblemHttpResult>> AnswersAsync(
        string name, string? cursor, ShortScienceDb db, CancellationToken ct)
    {
        if (await UserIdAsync(db, name, ct) is not { } userId) return Problems.NotFound($"There is no user '{name}'.");
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after)) return BadCursor();
        var query = db.Answers.AsNoTracking().Shown().Where(a => a.UserId == userId);
        if (cursor is not null) query = query.Where(a => a.Id < after.Id);
        var items = await query.OrderByDescending(a => a.Id).Take(PageSize + 1)
            .Select(a => new UserAnswerItem(a.Id, a.QuestionId, a.Question.Title, a.Question.Paper.Key, a.Question.Paper.Title, a.Html, a.Score,
                a.Question.AcceptedAnswerId == a.Id, a.CreatedAt, ""))
            .ToListAsync(ct);
        var page = PageOf(items, i => new Cursor(0, i.Id));
        return TypedResults.Ok(page with { Items = [.. page.Items.Select(i => i with { Url = Links.Answer(i.PaperKey, i.Id) })] });
    }

    static Page<T> PageOf<T>(List<T> items, Func<T, Cursor> cursorOf)
    {
        string? next = null;
        if (items.Count > PageSize)
        {
            items.RemoveAt(PageSize);
            next = cursorOf(items[^1]).Encode();
        }
        return new Page<T>(items, next);
    }

    static string DisplayNameOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(SessionClaims.DisplayName)?.Value ?? user.Identity!.Name!;

    /// <summary>A person by their name, whatever its case (as profiles, feeds and exports find them).</summary>
    internal static Task<Guid?> UserIdAsync(ShortScienceDb db, string name, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
