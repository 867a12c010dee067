using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.Feeds;
using ShortScience.Api.Extensions;
using ShortScience.Api.Papers;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.ReadingList;

/// <summary>
/// A person's private reading list: papers saved for later with a note. Only ever the signed-in person's own list
/// (every query is by their id), so nobody can read or change another's.
/// </summary>
public static class ReadingListApi
{
    /// <param name="me">The signed-in person's own root (<c>/me</c>).</param>
    public static void MapReadingListApi(this RouteGroupBuilder me)
    {
        var list = me.MapGroup("/").WithTags("ReadingList");
        list.MapGet("/reading-list", ListAsync);
        list.MapGet("/reading-list.bib", (HttpContext http, ShortScienceDb db, CancellationToken ct) => ExportAsync(http, db, ExportFormat.Bibtex, ct));
        list.MapGet("/reading-list.ris", (HttpContext http, ShortScienceDb db, CancellationToken ct) => ExportAsync(http, db, ExportFormat.Ris, ct));
        list.MapGet("/reading-list.json", (HttpContext http, ShortScienceDb db, CancellationToken ct) => ExportAsync(http, db, ExportFormat.CslJson, ct));
        list.MapGet("/reading-list/{key}", OneAsync);
        list.MapPut("/reading-list/{key}", SaveAsync);
        list.MapDelete("/reading-list/{key}", RemoveAsync);
    }

    static async Task<Ok<List<ReadingListItem>>> ListAsync(HttpContext http, ShortScienceDb db, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db, http.User.RequiredUserId(), ct));

    public static Task<List<ReadingListItem>> LoadAsync(ShortScienceDb db, Guid userId, CancellationToken ct) =>
        db.ReadingList.AsNoTracking()
            .Where(e => e.UserId == userId && e.Paper.Status == ContentStatus.Visible)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.PaperId)
            .Take(Limits.ReadingListEntries)
            .Select(e => new ReadingListItem(
                new PaperListItem(e.Paper.Key, e.Paper.Title,
                    e.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    e.Paper.Venue == null ? null : new VenueRef(e.Paper.Venue.Slug, e.Paper.Venue.ShortName, e.Paper.Venue.Name),
                    e.Paper.Year, e.Paper.SummaryCount, e.Paper.ArxivId, e.Paper.Doi, e.Paper.CreatedAt),
                e.Note, e.CreatedAt))
            .ToListAsync(ct);

    static async Task<Results<Ok<ReadingListItem>, ProblemHttpResult>> SaveAsync(
        string key, ReadingListRequest? request, HttpContext http, ShortScienceDb db, CacheEviction cache, TimeProvider clock,
        ILogger<ReadingListEntry> logger, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var paperId = await db.Papers.Where(p => p.Key == key && p.Status == ContentStatus.Visible).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (paperId is null) return Problems.NotFound($"There is no paper with the key '{key}'.");
        var note = Visible.IsBlank(request?.Note) ? null : request.Note.Trim();
        var now = clock.GetUtcNow();

        var exists = await db.ReadingList.AnyAsync(e => e.UserId == userId && e.PaperId == paperId, ct);
        if (!exists && await db.ReadingList.CountAsync(e => e.UserId == userId, ct) >= Limits.ReadingListEntries)
        {
            return Problems.Conflict($"Your reading list already holds {Limits.ReadingListEntries:N0} papers; remove some first.");
        }
        // One statement, so saving twice at once saves once. A body with a note sets the note; no body keeps it.
        var keepNote = request is null;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reading_list_entries (user_id, paper_id, note, created_at, updated_at)
            VALUES ({userId}, {paperId}, {note}, {now}, {now})
            ON CONFLICT (user_id, paper_id) DO UPDATE
            SET note = CASE WHEN {keepNote} THEN reading_list_entries.note ELSE EXCLUDED.note END, updated_at = EXCLUDED.updated_at
            """, ct);
        logger.LogInformation("Paper {Key} saved to a reading list", key);
        await cache.FollowingChangedAsync(userId, ct);
        var item = (await LoadOneAsync(db, userId, paperId.Value, ct))!;
        return TypedResults.Ok(item);
    }

    /// <summary>The paper on the list with its note; 404 when it is not on the list.</summary>
    static async Task<Results<Ok<ReadingListItem>, ProblemHttpResult>> OneAsync(string key, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        // A paper a moderator hid is off the list while hidden, as in the whole list.
        var paperId = await db.Papers.Where(p => p.Key == key && p.Status == ContentStatus.Visible).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        return paperId is not null && await LoadOneAsync(db, userId, paperId.Value, ct) is { } item
            ? TypedResults.Ok(item)
            : Problems.NotFound($"The paper '{key}' is not on your reading list.");
    }

    static async Task<ReadingListItem?> LoadOneAsync(ShortScienceDb db, Guid userId, long paperId, CancellationToken ct) =>
        (await db.ReadingList.AsNoTracking().Where(e => e.UserId == userId && e.PaperId == paperId)
            .Select(e => new ReadingListItem(
                new PaperListItem(e.Paper.Key, e.Paper.Title,
                    e.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    e.Paper.Venue == null ? null : new VenueRef(e.Paper.Venue.Slug, e.Paper.Venue.ShortName, e.Paper.Venue.Name),
                    e.Paper.Year, e.Paper.SummaryCount, e.Paper.ArxivId, e.Paper.Doi, e.Paper.CreatedAt),
                e.Note, e.CreatedAt))
            .ToListAsync(ct)).FirstOrDefault();

    static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string key, HttpContext http, ShortScienceDb db, CacheEviction cache, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        if (!await db.Papers.AnyAsync(p => p.Key == key, ct)) return Problems.NotFound($"There is no paper with the key '{key}'.");
        await db.ReadingList.Where(e => e.UserId == userId && e.Paper.Key == key).ExecuteDeleteAsync(ct);
        await cache.FollowingChangedAsync(userId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The saved papers as one BibTeX, RIS or CSL-JSON file, newest saved first.</summary>
    static async Task<ContentHttpResult> ExportAsync(HttpContext http, ShortScienceDb db, ExportFormat format, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var order = await db.ReadingList.Where(e => e.UserId == userId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.PaperId).Select(e => e.Paper.Key).ToListAsync(ct);
        var rank = order.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        // Every saved paper (the list holds at most Limits.ReadingListEntries), not a listing's first page.
        var rows = await BibtexApi.ExportAsync(db.Papers.Where(p => db.ReadingList.Any(e => e.UserId == userId && e.PaperId == p.Id)), ct,
            Limits.ReadingListEntries);
        return BibtexApi.Export(rows.OrderBy(r => rank.GetValueOrDefault(r.Key, int.MaxValue)).ToList(), format);
    }
}
