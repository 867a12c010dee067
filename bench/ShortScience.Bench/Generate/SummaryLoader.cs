using Npgsql;
using NpgsqlTypes;

namespace ShortScience.Bench.Generate;

/// <summary>Summaries (with scores and comment counts from the votes and comments) and their current revision.</summary>
public static class SummaryLoader
{
    public static async Task LoadRevisionsAsync(NpgsqlDataSource db, World world, SummaryTemplates templates, int rendererVersion, Random random)
    {
        var progress = new Progress("summary texts", world.Summaries);
        await Copy.IntoAsync(db, "summary_revisions",
            "id, summary_id, number, markdown, html, excerpt_html, plain_text, renderer_version, editor_id, created_at", w =>
            {
                for (var s = 0; s < world.Summaries; s++)
                {
                    var (markdown, html, excerpt, plain) = templates.Fill(random.Next(templates.Count), world.Words, random);
                    w.StartRow();
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    w.Write(1, NpgsqlDbType.Integer);
                    w.Write(markdown); w.Write(html); w.Write(excerpt); w.Write(plain);
                    w.Write(rendererVersion, NpgsqlDbType.Integer);
                    w.Write(world.UserIds[world.SummaryUser[s]], NpgsqlDbType.Uuid);
                    w.Write(World.Time(world.SummaryPublished[s]), NpgsqlDbType.TimestampTz);
                    progress.Add();
                }
            });
        progress.Done();
    }

    public static async Task LoadSummariesAsync(NpgsqlDataSource db, World world, Random random)
    {
        var progress = new Progress("summaries", world.Summaries);
        await Copy.IntoAsync(db, "summaries",
            "id, paper_id, user_id, status, anonymous, score, upvotes, downvotes, comment_count, view_count, current_revision, " +
            "current_revision_id, moderation_reason, created_at, published_at, updated_at", w =>
            {
                for (var s = 0; s < world.Summaries; s++)
                {
                    var at = World.Time(world.SummaryPublished[s]);
                    var status = world.SummaryStatus[s];
                    w.StartRow();
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    w.Write((long)world.SummaryPaper[s] + 1, NpgsqlDbType.Bigint);
                    w.Write(world.UserIds[world.SummaryUser[s]], NpgsqlDbType.Uuid);
                    w.Write((int)status, NpgsqlDbType.Integer);
                    w.Write(random.Next(20) == 0);
                    w.Write(world.Up[s] - world.Down[s], NpgsqlDbType.Integer);
                    w.Write(world.Up[s], NpgsqlDbType.Integer);
                    w.Write(world.Down[s], NpgsqlDbType.Integer);
                    w.Write(world.CommentCount[s], NpgsqlDbType.Integer);
                    w.Write((long)(world.Up[s] * 12 + random.Next(50)), NpgsqlDbType.Bigint);
                    w.Write(1, NpgsqlDbType.Integer);
                    w.Write((long)s + 1, NpgsqlDbType.Bigint);
                    if (status == 2) w.Write("Hidden by a moderator: off-topic"); else w.WriteNull();
                    w.Write(at, NpgsqlDbType.TimestampTz);
                    w.Write(at, NpgsqlDbType.TimestampTz);
                    w.Write(at, NpgsqlDbType.TimestampTz);
                    progress.Add();
                }
            });
        progress.Done();
    }
}
