using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShortScience.Core.Rendering;
using ShortScience.Data;

namespace ShortScience.Bench.Generate;

/// <summary>
/// Fills an empty database with a large, realistic site: migrate, plan, drop indexes, COPY everything on two
/// connections at once, compute the search vectors, rebuild indexes, vacuum and analyze.
/// </summary>
public static class Generator
{
    public static async Task RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var connection = options.Text("connection");
        var seed = options.Number("seed", 20261123);
        var world = new World
        {
            Papers = options.Number("papers", 300_000), Summaries = options.Number("summaries", 1_000_000),
            Comments = options.Number("comments", 3_000_000), Votes = options.Number("votes", 10_000_000),
            Users = options.Number("users", 50_000), Authors = options.Number("authors", 150_000),
            Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Words = Vocabulary.Build(DemoFolder(), options.Number("vocabulary", 40_000), new Random(seed)),
        };
        await using var db = new NpgsqlDataSourceBuilder(connection) { ConnectionStringBuilder = { CommandTimeout = 0 } }.Build();
        await MigrateAsync(db);
        await using (var check = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM papers)"))
        {
            if ((bool)(await check.ExecuteScalarAsync())! && options.Text("replace", "no") != "yes")
            {
                throw new InvalidOperationException("The database already has papers; pass --replace yes to overwrite it.");
            }
        }

        Progress.Log($"Planning {world.Papers:N0} papers, {world.Summaries:N0} summaries, {world.Comments:N0} comments, {world.Votes:N0} votes");
        world.Plan(new Random(seed + 1));
        using var renderer = new MarkdownRenderer();
        var templates = SummaryTemplates.Build(renderer, options.Number("templates", 300), new Random(seed + 2));
        Progress.Log($"Rendered {templates.Count} summary templates with the site's renderer");

        var discussion = DiscussionPlan.Make(world, new Random(seed + 6));
        Progress.Log($"Planned {discussion.Votes:N0} votes and {world.Comments:N0} comments");

        var schema = new Schema(db);
        await schema.DropAsync();
        // Three independent streams: every count they need was decided in the plan.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                var authors = await PeopleLoader.LoadAsync(db, world, new Random(seed + 3));
                await PaperLoader.LoadAsync(db, world, authors, new Random(seed + 4));
                await DiscussionLoader.LoadCommentsAsync(db, world, discussion, new Random(seed + 7));
            }),
            Task.Run(async () =>
            {
                await SummaryLoader.LoadSummariesAsync(db, world, new Random(seed + 8));
                await SummaryLoader.LoadRevisionsAsync(db, world, templates, renderer.Version, new Random(seed + 5));
            }),
            Task.Run(async () =>
            {
                await DiscussionLoader.LoadVotesAsync(db, world, discussion, new Random(seed + 9));
                await DiscussionLoader.LoadDailyStatsAsync(db, world, new Random(seed + 10));
            }));

        // The search vectors read authors and summaries through these keys; meanwhile the other tables get theirs.
        await schema.RestoreAsync("pk_paper_authors", "pk_summary_revisions", "ix_summaries_paper_id_user_id");
        await Task.WhenAll(SearchVectorsAsync(schema, world.Papers), schema.RestoreIndexesAsync(t => t != "papers", workers: 1));
        await schema.RestoreIndexesAsync(_ => true, workers: 2);
        await schema.RestoreForeignKeysAsync();
        await FinishAsync(schema);
        Progress.Log($"Generated in {clock.Elapsed.TotalMinutes:N1} min");
        await ReportAsync(db);
    }

    /// <summary>Papers move from staging into place with their search vectors, computed on two connections at once.</summary>
    static async Task SearchVectorsAsync(Schema schema, int papers)
    {
        var progress = new Progress("search vectors", 2);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async part =>
        {
            await schema.ExecAsync($"""
                INSERT INTO papers SELECT id, key, title, normalized_title, abstract, year, venue_id, arxiv_id, doi, bibtex_key, url, pdf_url,
                    keywords, categories, field, published_on, status, created_at, updated_at, created_by_id, summary_count, last_summary_at,
                    paper_search_document(id, title, abstract)
                FROM papers_load WHERE id % 2 = {part}
                """);
            progress.Add();
        }));
        progress.Done();
        await schema.ExecAsync("DROP TABLE papers_load");
        Progress.Log($"Moved {papers:N0} papers with their search vectors into place");
    }

    static async Task FinishAsync(Schema schema)
    {
        foreach (var table in new[] { "venues", "authors", "papers", "summaries", "summary_revisions", "comments", "comment_revisions" })
        {
            await schema.ExecAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest(1, (SELECT max(id) FROM {table})))");
        }
        var tables = new Queue<string>(["votes", "comments", "comment_revisions", "summary_revisions", "summaries", "papers",
            "paper_authors", "authors", "users", "venues", "summary_daily_stats"]);
        async Task Worker()
        {
            while (true)
            {
                string? table;
                lock (tables) { if (!tables.TryDequeue(out table)) return; }
                await schema.ExecAsync($"VACUUM (ANALYZE) {table}");
            }
        }
        await Task.WhenAll(Worker(), Worker());
        Progress.Log("Vacuumed and analyzed");
    }

    static async Task ReportAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            SELECT relname, reltuples::bigint, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
            WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > 100 ORDER BY pg_total_relation_size(oid) DESC
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine($"{reader.GetString(0),-22} {reader.GetInt64(1),12:N0} rows  {reader.GetString(2),10}");
        await using var size = db.CreateCommand("SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine($"database size: {await size.ExecuteScalarAsync()}");
    }

    static async Task MigrateAsync(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<ShortScienceDb>();
        DataServiceCollectionExtensions.Configure(options, dataSource);
        await using var db = new ShortScienceDb(options.Options);
        await db.Database.MigrateAsync();
        Progress.Log("Database schema is up to date");
    }

    /// <summary>The demo content (its words seed the vocabulary), found from the repository root.</summary>
    static string DemoFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ShortScience.Api", "Demo", "content");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("Run the generator from inside the repository (it reads src/ShortScience.Api/Demo/content).");
    }
}
