using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>
/// Every change to a paper's facts — an import's additions, a moderator's edit, an accepted proposal — as one row per
/// field with who, from what, and the value before and after. GET /api/v1/papers/{key}/changes shows it.
/// </summary>
public static class PaperHistory
{
    const int ValueChars = Limits.AbstractChars;

    public static void Record(ShortScienceDb db, Paper paper, Guid? actorId, string field, string? before, string? after, string source,
        DateTimeOffset at)
    {
        if (before == after) return;
        db.PaperChanges.Add(new PaperChange
        {
            Paper = paper, ActorId = actorId, Field = field, Before = Cut(before), After = Cut(after), Source = source, CreatedAt = at,
        });
    }

    /// <summary>A list as one value ("a; b; c"), null when empty.</summary>
    public static string? Join(IEnumerable<string>? values) =>
        values is null ? null : string.Join("; ", values) is { Length: > 0 } s ? s : null;

    public static void MapPaperHistoryApi(this RouteGroupBuilder api) =>
        api.MapGet("/papers/{key}/changes", ListAsync).WithTags("Papers").WithName("PaperChanges");

    /// <summary>The newest 200 changes of a visible paper (any paper for moderators), newest first.</summary>
    static async Task<Results<Ok<List<PaperChangeView>>, ProblemHttpResult>> ListAsync(
        string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var moderator = http.User.IsModerator();
        var paperId = await db.Papers.Where(p => p.Key == key && (moderator || p.Status == ContentStatus.Visible))
            .Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (paperId is null) return Problems.NotFound($"There is no paper with the key '{key}'.");
        var rows = await db.PaperChanges.AsNoTracking().Where(c => c.PaperId == paperId).OrderByDescending(c => c.Id).Take(200)
            .Select(c => new PaperChangeView(c.Id, c.Field, c.Before, c.After, c.Source,
                db.Users.Where(u => u.Id == c.ActorId).Select(u => new UserRef(u.UserName!, u.DisplayName)).FirstOrDefault(), c.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    static string? Cut(string? value) => TextCut.PrefixOrNull(value, ValueChars);
}
