using ShortScience.Api.Replicas;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

public static class SummariesApi
{
    public static RouteGroupBuilder MapSummariesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/summaries").WithTags("Summaries");
        group.MapGet("/", ListAsync).WithName("ListSummaries").ReadsFromStandby();
        group.MapGet("/{id:long}", GetAsync).WithName("GetSummary").ReadsFromStandby();
        group.MapRandomApi();
        var summary = group.MapGroup("/{id:long}");
        summary.MapHistoryApi();
        summary.MapSummaryStateApi();
        return group;
    }

    /// <summary>Published summaries: most read lately ("popular"), newest first ("recent") or by all-time score ("best"); optionally of one field.</summary>
    static async Task<Results<Ok<Page<SummaryListItem>>, ProblemHttpResult>> ListAsync(
        ShortScienceDb db, HttpContext http, TimeProvider clock, PopularityRanking popularity, string? sort, string? cursor, int? limit, string? field, CancellationToken ct)
    {
        if (field is not null && !ResearchFields.IsKnown(field))
        {
            return Problems.BadRequest($"Unknown field '{field}'.", "field");
        }
        var take = Math.Clamp(limit ?? 20, 1, 100);
        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
        {
            return Problems.BadRequest("The cursor is not one this API handed out.", "cursor");
        }

        var query = db.Summaries.AsNoTracking()
            .Published();
        if (field is not null) query = query.Where(s => s.Paper.Field == field);
        List<(long Id, int Heat)>? top = null;
        switch (sort ?? "recent")
        {
            case "popular":
                top = await popularity.TopAsync(cursor is null ? null : after.Value, cursor is null ? null : after.Id, take + 1, field, ct);
                var topIds = top.Select(t => t.Id).ToList();
                // At most take + 1 ids; put in the snapshot's order below (an order here keeps EF from warning).
                query = query.Where(s => topIds.Contains(s.Id)).OrderBy(s => s.Id);
                break;
            case "recent":
                if (cursor is not null)
                {
                    var at = after.Time;
                    query = query.Where(s => s.PublishedAt < at || (s.PublishedAt == at && s.Id < after.Id));
                }
                query = query.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id);
                break;
            case "best":
                if (cursor is not null)
                {
                    var score = (int)after.Value;
                    query = query.Where(s => s.Score < score || (s.Score == score && s.Id < after.Id));
                }
                query = query.OrderByDescending(s => s.Score).ThenByDescending(s => s.Id);
                break;
            default:
                return Problems.BadRequest("sort must be 'popular', 'recent' or 'best'.", "sort");
        }

        var items = await query.Take(take + 1).Select(SummaryProjections.ListItem)
            .ToListAsync(ct);
        if (top is not null)
        {
            var order = top.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
            items = [.. items.OrderBy(i => order[i.Id])];
        }

        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            var last = items[^1];
            next = (sort ?? "recent") switch
            {
                "best" => new Cursor(last.Score, last.Id).Encode(),
                "popular" => new Cursor(top!.First(t => t.Id == last.Id).Heat, last.Id).Encode(),
                _ => new Cursor(last.PublishedAt.UtcTicks, last.Id).Encode(),
            };
        }
        return TypedResults.Ok(new Page<SummaryListItem>(items, next));
    }

    /// <summary>One summary with its paper; the author and moderators also see it while deleted or hidden.</summary>
    static async Task<Results<Ok<SummaryDetail>, ProblemHttpResult>> GetAsync(long id, HttpContext http, ShortScienceDb db, CancellationToken ct)
    {
        var s = await db.Summaries.AsNoTracking()
            .Where(x => x.Id == id && x.Paper.Status == ContentStatus.Visible && x.Current != null)
            .Select(x => new
            {
                x.Id, x.Status, x.UserId, x.Anonymous, x.CurrentRevision, x.Score, x.CommentCount, x.PublishedAt, x.UpdatedAt,
                x.ModerationReason, x.Current!.Html, x.Paper.Key, x.Paper.Title, x.User.UserName, x.User.DisplayName,
            })
            .FirstOrDefaultAsync(ct);
        if (s is null || !SummaryAccess.CanSee(s.Status, s.UserId, http.User)) return Problems.NotFound($"There is no published summary {id}.");
        var mine = http.User.UserId() == s.UserId;
        var myVote = http.User.UserId() is { } viewer
            ? await db.Votes.Where(v => v.UserId == viewer && v.TargetType == VoteTarget.Summary && v.TargetId == id).Select(v => (int)v.Value).FirstOrDefaultAsync(ct)
            : 0;
        return TypedResults.Ok(new SummaryDetail(
            s.Id, s.Key, s.Title, SummaryAccess.Byline(s.Anonymous, s.UserId, s.UserName!, s.DisplayName, http.User), s.Anonymous,
            s.Status, s.CurrentRevision, s.Score, s.CommentCount, s.PublishedAt!.Value, s.UpdatedAt,
            s.Html, mine, mine || http.User.IsModerator() ? s.ModerationReason : null, myVote));
    }
}
