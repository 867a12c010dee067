using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Follows;

/// <summary>
/// New summaries from everything one person follows, newest first: the /following page and the private feed.
/// </summary>
/// <remarks>
/// One statement, driven by the follows rather than by all summaries: each kind of follow finds its papers through
/// its own index (key, venue+year, year, keyword GIN, paper_authors), their newest summaries come from
/// summaries(paper_id), and followed people's from summaries(user_id, status, published_at). The planner can
/// then take the newest page without walking every summary, however rare the followed things are.
/// </remarks>
public static class Timeline
{
    static readonly DateTimeOffset Newest = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>At most <paramref name="take"/> published summaries, older than <paramref name="after"/> when given.</summary>
    public static IQueryable<Summary> Followed(ShortScienceDb db, Guid userId, int take, Cursor? after)
    {
        var at = after is { } c ? c.Time : Newest;
        var id = after?.Id ?? long.MaxValue;
        return db.Summaries.FromSqlInterpolated($"""
            SELECT s.*, s.xmin FROM summaries s WHERE s.id IN (
              SELECT x.id FROM (
                (SELECT s1.id, s1.published_at FROM summaries s1
                 WHERE s1.status = 1 AND (s1.published_at, s1.id) < ({at}, {id}) AND s1.paper_id IN (
                     SELECT p.id FROM follows f JOIN papers p ON p.key = f.target_key
                     WHERE f.user_id = {userId} AND f.target_type = 3 AND p.status = 0
                   UNION
                     SELECT p.id FROM follows f JOIN venues v ON v.slug = f.target_key JOIN papers p ON p.venue_id = v.id
                     WHERE f.user_id = {userId} AND f.target_type = 0 AND p.status = 0
                   UNION
                     SELECT p.id FROM follows f JOIN venues v ON v.slug = split_part(f.target_key, '/', 1)
                       JOIN papers p ON p.venue_id = v.id AND p.year = (CASE WHEN split_part(f.target_key, '/', 2) ~ '^[0-9][0-9][0-9][0-9]$'
                         THEN split_part(f.target_key, '/', 2)::int END)
                     WHERE f.user_id = {userId} AND f.target_type = 1 AND p.status = 0
                   UNION
                     SELECT p.id FROM follows f JOIN papers p ON p.year = (CASE WHEN f.target_key ~ '^[0-9][0-9][0-9][0-9]$' THEN f.target_key::int END)
                     WHERE f.user_id = {userId} AND f.target_type = 6 AND p.status = 0
                   UNION
                     SELECT p.id FROM follows f JOIN papers p ON p.keywords @> ARRAY[f.target_key]::text[]
                     WHERE f.user_id = {userId} AND f.target_type = 2 AND p.status = 0
                   UNION
                     SELECT pa.paper_id FROM follows f JOIN authors a ON a.slug = f.target_key
                       JOIN paper_authors pa ON pa.author_id = a.id JOIN papers p ON p.id = pa.paper_id
                     WHERE f.user_id = {userId} AND f.target_type = 4 AND p.status = 0)
                 ORDER BY s1.published_at DESC, s1.id DESC LIMIT {take})
                UNION
                (SELECT s2.id, s2.published_at FROM summaries s2
                 WHERE s2.status = 1 AND NOT s2.anonymous AND (s2.published_at, s2.id) < ({at}, {id})
                   AND s2.user_id IN (SELECT u.id FROM follows f JOIN users u ON u.user_name = f.target_key
                                      WHERE f.user_id = {userId} AND f.target_type = 5)
                   AND EXISTS (SELECT 1 FROM papers p WHERE p.id = s2.paper_id AND p.status = 0)
                 ORDER BY s2.published_at DESC, s2.id DESC LIMIT {take})
              ) x ORDER BY x.published_at DESC, x.id DESC LIMIT {take})
            """).AsNoTracking().Published().Where(s => s.Current != null);
    }
}
