using Npgsql;
using NpgsqlTypes;

namespace ShortScience.Bench.Generate;

/// <summary>Votes, comments (with their first revision) and the daily reads behind "popular".</summary>
public static class DiscussionLoader
{
    public static async Task LoadVotesAsync(NpgsqlDataSource db, World world, DiscussionPlan plan, Random random)
    {
        var progress = new Progress("votes", plan.Votes);
        await Copy.IntoAsync(db, "votes", "user_id, target_type, target_id, value, created_at, updated_at", w =>
        {
            var start = world.Now.AddYears(-3).ToUnixTimeSeconds();
            var span = world.Now.ToUnixTimeSeconds() - start;
            for (var i = 0; i < plan.Votes; i++)
            {
                var at = World.Time(start + (long)(random.NextDouble() * span));
                w.StartRow();
                w.Write(world.UserIds[plan.VoteUser[i]], NpgsqlDbType.Uuid);
                w.Write(plan.VoteOnComment[i] ? 1 : 0, NpgsqlDbType.Integer);
                w.Write((long)plan.VoteTarget[i] + 1, NpgsqlDbType.Bigint);
                w.Write((short)plan.VoteValue[i], NpgsqlDbType.Smallint);
                w.Write(at, NpgsqlDbType.TimestampTz);
                w.Write(at, NpgsqlDbType.TimestampTz);
                progress.Add();
            }
        });
        progress.Done();
    }

    public static async Task LoadCommentsAsync(NpgsqlDataSource db, World world, DiscussionPlan plan, Random random)
    {
        var writers = new Zipf(world.Users, 0.5);
        var progress = new Progress("comments", world.Comments);
        var end = world.Now.ToUnixTimeSeconds();
        await Copy.IntoBothAsync(db,
            ("comments", "id, summary_id, parent_id, user_id, markdown, html, plain_text, renderer_version, status, moderation_reason, " +
                "score, upvotes, downvotes, revision_count, created_at, updated_at"),
            ("comment_revisions", "id, comment_id, number, markdown, html, renderer_version, created_at"), (w, r) =>
            {
                var text = new System.Text.StringBuilder();
                for (var c = 0; c < world.Comments; c++)
                {
                    var (s, parent, status) = (plan.CommentSummary[c], plan.CommentParent[c], plan.CommentStatus[c]);
                    text.Clear();
                    for (var n = random.Next(1, 4); n > 0; n--) world.Words.Sentence(text, random, 5, 18);
                    var plain = text.ToString().TrimEnd();
                    var html = $"<p>{plain}</p>\n";
                    var at = World.Time(world.SummaryPublished[s] + (long)(random.NextDouble() * Math.Max(1, end - world.SummaryPublished[s])));

                    w.StartRow();
                    w.Write((long)c + 1, NpgsqlDbType.Bigint);
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    if (parent < 0) w.WriteNull(); else w.Write((long)parent + 1, NpgsqlDbType.Bigint);
                    w.Write(world.UserIds[writers.Next(random)], NpgsqlDbType.Uuid);
                    w.Write(plain); w.Write(html); w.Write(plain);
                    w.Write(1, NpgsqlDbType.Integer);
                    w.Write((int)status, NpgsqlDbType.Integer);
                    if (status == 1) w.Write("Off-topic"); else w.WriteNull();
                    w.Write(world.CommentUp[c] - world.CommentDown[c], NpgsqlDbType.Integer);
                    w.Write(world.CommentUp[c], NpgsqlDbType.Integer);
                    w.Write(world.CommentDown[c], NpgsqlDbType.Integer);
                    w.Write(1, NpgsqlDbType.Integer);
                    w.Write(at, NpgsqlDbType.TimestampTz);
                    w.Write(at, NpgsqlDbType.TimestampTz);

                    r.StartRow();
                    r.Write((long)c + 1, NpgsqlDbType.Bigint);
                    r.Write((long)c + 1, NpgsqlDbType.Bigint);
                    r.Write(1, NpgsqlDbType.Integer);
                    r.Write(plain); r.Write(html);
                    r.Write(1, NpgsqlDbType.Integer);
                    r.Write(at, NpgsqlDbType.TimestampTz);
                    progress.Add();
                }
            });
        progress.Done();
    }

    /// <summary>Reads and votes per day over the last two weeks for the summaries people are reading now.</summary>
    public static async Task LoadDailyStatsAsync(NpgsqlDataSource db, World world, Random random)
    {
        var summaries = new Zipf(world.Popular.Length, 0.8);
        var picked = new HashSet<int>();
        while (picked.Count < Math.Min(40_000, world.Popular.Length / 2)) picked.Add(world.Popular[summaries.Next(random)]);
        var today = DateOnly.FromDateTime(world.Now.UtcDateTime);
        await Copy.IntoAsync(db, "summary_daily_stats", "summary_id, day, views, votes", w =>
        {
            foreach (var s in picked)
            {
                for (var d = 0; d < 14; d++)
                {
                    if (random.Next(2) == 0) continue;
                    w.StartRow();
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    w.Write(today.AddDays(-d), NpgsqlDbType.Date);
                    w.Write(random.Next(1, 60), NpgsqlDbType.Integer);
                    w.Write(random.Next(0, 4), NpgsqlDbType.Integer);
                }
            }
        });
        Progress.Log($"Loaded daily reading stats for {picked.Count:N0} summaries");
    }
}
