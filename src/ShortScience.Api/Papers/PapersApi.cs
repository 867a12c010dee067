using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Comments;
using ShortScience.Api.Extensions;
using ShortScience.Api.Summaries;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

public static class PapersApi
{
    public static RouteGroupBuilder MapPapersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/papers").WithTags("Papers").ReadsFromStandby();
        group.MapGet("/", ListAsync).WithName("ListPapers");
        group.MapGet("/{key}", GetAsync).WithName("GetPaper").Produces<PaperDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    static async Task<Results<Ok<Page<PaperListItem>>, ProblemHttpResult>> ListAsync(
        ShortScienceDb db, string? venue, int? year, string? tag, string? author, string? sort, string? cursor, int? limit,
        CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 20, 1, 100);
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
        {
            return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
        }

        var query = db.Papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible);
        if (venue is not null)
        {
            var venueId = (await MergeChains.VenueAsync(db, venue, ct))?.Id ?? -1;
            query = query.Where(p => p.VenueId == venueId);
        }
        if (year is not null) query = query.Where(p => p.Year == year);
        if (tag is not null) query = query.Where(p => p.Keywords.Contains(tag));
        if (author is not null)
        {
            // A merged author's old slug lists the papers of the author it became, as its page does.
            var authorId = (await MergeChains.AuthorAsync(db, author, ct))?.Id ?? -1;
            query = query.Where(p => p.Authors.Any(a => a.AuthorId == authorId));
        }

        switch (sort ?? "recent")
        {
            case "recent":
                if (cursor is not null) query = query.Where(p => p.Id < after.Id);
                query = query.OrderByDescending(p => p.Id);
                break;
            case "year":
                if (cursor is not null)
                {
                    var y = (int)after.Value;
                    query = query.Where(p => (p.Year ?? 0) < y || ((p.Year ?? 0) == y && p.Id < after.Id));
                }
                query = query.OrderByDescending(p => p.Year ?? 0).ThenByDescending(p => p.Id);
                break;
            default:
                return Problems.BadRequest("sort must be 'recent' or 'year'.", "sort");
        }

        var rows = await query.Take(take + 1).Select(p => new
            {
                p.Id,
                Item = new PaperListItem(
                    p.Key, p.Title,
                    p.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    p.Venue == null ? null : new VenueRef(p.Venue.Slug, p.Venue.ShortName, p.Venue.Name),
                    p.Year, p.SummaryCount, p.ArxivId, p.Doi, p.CreatedAt),
            })
            .ToListAsync(ct);

        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = new Cursor(rows[^1].Item.Year ?? 0, rows[^1].Id).Encode();
        }
        var items = rows.ConvertAll(r => r.Item);
        return TypedResults.Ok(new Page<PaperListItem>(items, next));
    }

    static async Task<IResult> GetAsync(ShortScienceDb db, string key, HttpContext http, PaperDocuments documents, CancellationToken ct)
    {
        if (PaperDocuments.Serves(http))
        {
            return await documents.GetAsync(db, key, http, ct) is { } document ? Json(document) : NotFound(key);
        }
        if (PaperDocuments.ServesMarked(http))
        {
            return await documents.GetMarkedAsync(db, key, http, ct) switch
            {
                null => NotFound(key),
                { Marked: { } page } => TypedResults.Ok(page),
                var shared => Json(shared.Shared),
            };
        }
        // Moderators: hidden texts too, marked as such.
        var paper = await PaperDetails.LoadAsync(db, key, http, ct);
        return paper is null ? NotFound(key) : TypedResults.Ok(paper);

        static IResult Json(byte[] document) => TypedResults.Bytes(document, "application/json; charset=utf-8");
        static IResult NotFound(string key) => Problems.NotFound($"There is no paper with the key '{key}'.");
    }
}
