using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Accounts;

public sealed record DeleteAccountRequest(string Password, bool KeepSummaries) : IValidatable
{
    public void Validate(Checks checks) => checks.Text("password", Password, Limits.PasswordChars, "a password");
}

/// <summary>"Download my data" (everything the site holds about a person, as a zip) and deleting one's account.</summary>
public static class MyDataApi
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapMyDataApi(this RouteGroupBuilder me)
    {
        me.MapGet("/export", ExportAsync).WithTags("Accounts");
        me.MapPost("/delete", DeleteAsync).WithTags("Accounts");
    }

    static async Task<FileContentHttpResult> ExportAsync(HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var id = http.User.RequiredUserId();
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.Email, u.DisplayName, u.Bio, u.Affiliation, u.CreatedAt, u.EmailNotifications }).FirstAsync(ct);
        var summaries = await db.Summaries.AsNoTracking().Where(s => s.UserId == id)
            .Select(s => new
            {
                s.Id, Paper = s.Paper.Key, s.Paper.Title, Status = s.Status.ToString(), s.Anonymous, s.Score, s.PublishedAt,
                Revisions = s.Revisions.OrderBy(r => r.Number).Select(r => new { r.Number, r.CreatedAt, r.Note, r.Markdown }).ToList(),
            }).ToListAsync(ct);
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.UserId == id).Select(d => new { Paper = d.Paper.Key, d.Markdown, d.UpdatedAt }).ToListAsync(ct);
        var comments = await db.Comments.AsNoTracking().Where(c => c.UserId == id)
            .Select(c => new { c.Id, c.SummaryId, c.ParentId, Status = c.Status.ToString(), c.CreatedAt, c.Markdown }).ToListAsync(ct);
        var questions = await db.Questions.AsNoTracking().Where(q => q.UserId == id)
            .Select(q => new { q.Id, Paper = q.Paper.Key, q.Title, Status = q.Status.ToString(), q.CreatedAt, q.Markdown }).ToListAsync(ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.UserId == id)
            .Select(a => new { a.Id, a.QuestionId, Status = a.Status.ToString(), a.CreatedAt, a.Markdown }).ToListAsync(ct);
        var votes = await db.Votes.AsNoTracking().Where(v => v.UserId == id)
            .Select(v => new { Target = v.TargetType.ToString(), v.TargetId, v.Value, v.UpdatedAt }).ToListAsync(ct);
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == id)
            .Select(f => new { Target = f.TargetType.ToString(), f.TargetKey, f.CreatedAt }).ToListAsync(ct);
        var figures = (await db.Figures.AsNoTracking().Where(f => f.OwnerId == id && f.Variant == FigureLinks.Original)
            .OrderBy(f => f.CreatedAt).Select(f => new { f.Hash, f.Width, f.Height, f.Length, f.CreatedAt }).ToListAsync(ct))
            .Select(f => new MyFigure(FigureLinks.Url(f.Hash), f.Width, f.Height, f.Length, f.CreatedAt)).ToList();
        var readingList = await db.ReadingList.AsNoTracking().Where(e => e.UserId == id).OrderByDescending(e => e.CreatedAt)
            .Select(e => new { e.Paper.Key, e.Paper.Title, e.Note, SavedAt = e.CreatedAt }).ToListAsync(ct);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == id)
            .Select(s => new { s.CreatedAt, s.LastSeenAt, s.RevokedAt, s.UserAgent }).ToListAsync(ct);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "profile.json", JsonSerializer.Serialize(profile, Json));
            Add(zip, "summaries.json", JsonSerializer.Serialize(summaries, Json));
            Add(zip, "drafts.json", JsonSerializer.Serialize(drafts, Json));
            Add(zip, "comments.json", JsonSerializer.Serialize(comments, Json));
            Add(zip, "questions.json", JsonSerializer.Serialize(questions, Json));
            Add(zip, "answers.json", JsonSerializer.Serialize(answers, Json));
            Add(zip, "votes.json", JsonSerializer.Serialize(votes, Json));
            Add(zip, "follows.json", JsonSerializer.Serialize(follows, Json));
            Add(zip, "reading-list.json", JsonSerializer.Serialize(readingList, Json));
            Add(zip, "sessions.json", JsonSerializer.Serialize(sessions, Json));
            // The figures they uploaded, by address on the site (the images themselves are public there).
            Add(zip, "figures.json", JsonSerializer.Serialize(figures, Json));
            foreach (var s in summaries)
            {
                foreach (var r in s.Revisions) Add(zip, $"summaries/{s.Paper}/revision-{r.Number}.md", r.Markdown);
            }
        }
        return TypedResults.File(buffer.ToArray(), "application/zip", $"shortscience-{profile.UserName}.zip");
    }

    static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
        writer.Write(text);
    }

    static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> DeleteAsync(
        DeleteAccountRequest request, HttpContext http, UserManager<User> users, AccountDeletion deletion, TimeProvider clock, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.RequiredUserId().ToString());
        if (user is null) return TypedResults.Unauthorized();
        // Deleting is final: the password, not only a session, must confirm it.
        switch (await PasswordConfirmation.CheckAsync(users, user, request.Password))
        {
            case PasswordCheck.Locked: return await PasswordConfirmation.LockedAsync(users, user, http, clock);
            case PasswordCheck.Wrong: return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["The password is wrong."] });
        }
        await deletion.DeleteAsync(user, request.KeepSummaries, ct);
        return TypedResults.NoContent();
    }
}
