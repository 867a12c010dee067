using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Comments;

/// <summary>Loads the comment threads of several summaries at once: one query for comments, one for the viewer's votes.</summary>
public static class CommentThreads
{
    public static async Task<Dictionary<long, List<CommentView>>> LoadAsync(
        ShortScienceDb db, IReadOnlyCollection<long> summaryIds, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (summaryIds.Count == 0) return [];
        var rows = await db.Comments.AsNoTracking()
            .Where(c => summaryIds.Contains(c.SummaryId))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new Row(c.Id, c.SummaryId, c.ParentId, c.UserId, c.User.UserName!, c.User.DisplayName, c.Html, c.Markdown, c.Status,
                c.Score, c.CreatedAt, c.UpdatedAt, c.RevisionCount, c.Summary.Anonymous && c.UserId == c.Summary.UserId))
            .ToListAsync(ct);
        var viewerId = viewer.UserId();
        var votes = new Dictionary<long, int>();
        if (viewerId is { } uid && rows.Count > 0)
        {
            var ids = rows.Select(r => r.Id).ToList();
            votes = await db.Votes.AsNoTracking()
                .Where(v => v.UserId == uid && v.TargetType == VoteTarget.Comment && ids.Contains(v.TargetId))
                .ToDictionaryAsync(v => v.TargetId, v => (int)v.Value, ct);
        }
        var moderator = viewer.IsModerator();

        var replies = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        var result = new Dictionary<long, List<CommentView>>();
        foreach (var top in rows.Where(r => r.ParentId is null))
        {
            var children = replies[top.Id].Where(r => Visible(r, moderator)).Select(r => View(r, [], viewerId, votes, moderator)).ToList();
            if (!Visible(top, moderator) && children.Count == 0) continue;
            if (!result.TryGetValue(top.SummaryId, out var list)) result[top.SummaryId] = list = [];
            list.Add(View(top, children, viewerId, votes, moderator));
        }
        return result;
    }

    static bool Visible(Row r, bool moderator) => r.Status == ContentStatus.Visible || (moderator && r.Status == ContentStatus.Hidden);

    static CommentView View(Row r, IReadOnlyList<CommentView> replies, Guid? viewerId, Dictionary<long, int> votes, bool moderator)
    {
        var shown = Visible(r, moderator);
        // The anonymous author answering under their own summary stays anonymous, as the summary does.
        var author = !shown ? null
            : r.ByAnonymousAuthor && viewerId != r.UserId && !moderator ? AnonymousAuthor.Ref : new UserRef(r.UserName, r.DisplayName);
        return new CommentView(
            r.Id, r.SummaryId, r.ParentId, author, shown ? r.Html : "",
            r.Status, r.Score, r.CreatedAt, r.UpdatedAt, r.RevisionCount > 1,
            viewerId == r.UserId, votes.GetValueOrDefault(r.Id), replies, viewerId == r.UserId && shown ? r.Markdown : null);
    }

    sealed record Row(
        long Id, long SummaryId, long? ParentId, Guid UserId, string UserName, string DisplayName, string Html, string Markdown, ContentStatus Status,
        int Score, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int RevisionCount, bool ByAnonymousAuthor);

    /// <summary>Recomputes a summary's count of visible comments.</summary>
    public static Task<int> RefreshCountAsync(ShortScienceDb db, long summaryId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE summaries s SET comment_count = (SELECT count(*) FROM comments c WHERE c.summary_id = s.id AND c.status = 0)
            WHERE s.id = {summaryId}
            """, ct);
}
