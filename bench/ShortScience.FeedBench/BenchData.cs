using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Rendering;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.FeedBench;

/// <summary>
/// A database the size of a busy site: 20,000 papers with authors and keywords, 2,000 people, 60,000 summaries
/// whose HTML is the demo summaries really rendered (KaTeX and all), cycled.
/// </summary>
static class BenchData
{
    public const int Papers = 20_000, People = 2_000, Summaries = 60_000;

    public static async Task FillAsync(ShortScienceDb db)
    {
        using var renderer = new MarkdownRenderer(new RendererOptions { EnginePoolSize = 1, Timeout = TimeSpan.FromSeconds(30) });
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.md").Order()
            .Select(f => renderer.Render(File.ReadAllText(f))).ToList();
        Console.WriteLine($"{samples.Count} rendered samples, {samples.Average(s => s.Html.Length):0} characters of HTML on average");

        for (var i = 0; i < People; i++)
        {
            db.Users.Add(new User
            {
                Id = Guid.NewGuid(), UserName = $"bench{i}", NormalizedUserName = $"BENCH{i}", Email = $"bench{i}@example.org",
                NormalizedEmail = $"BENCH{i}@EXAMPLE.ORG", DisplayName = $"Bench Person {i}", CreatedAt = DateTimeOffset.UtcNow,
                SecurityStamp = Guid.NewGuid().ToString(),
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO venues (slug, name, short_name, kind, created_at)
            SELECT 'venue' || g, 'Bench Venue ' || g, 'BV' || g, 0, now() FROM generate_series(1, 20) g;
            INSERT INTO authors (slug, name, normalized_name, created_at)
            SELECT 'author-' || g, 'Author ' || g, 'author ' || g, now() FROM generate_series(1, 30000) g;
            INSERT INTO papers (key, title, normalized_title, abstract, year, venue_id, arxiv_id, bibtex_key, keywords, categories, status,
                                created_at, updated_at, summary_count)
            SELECT 'bench.' || g, 'A bench paper number ' || g, 'a bench paper number ' || g, 'An abstract of some length for paper ' || g,
                   2000 + g % 25, (SELECT min(id) FROM venues) + g % 20, '99' || lpad(g::text, 2, '0') || '.' || lpad(g::text, 5, '0'),
                   'bench' || g, ARRAY['topic' || g % 50, 'area' || g % 7], ARRAY['cs.LG'], 0, now(), now(), 3
            FROM generate_series(1, {Papers}) g;
            INSERT INTO paper_authors (paper_id, author_id, position, display_name)
            SELECT p.id, (SELECT min(id) FROM authors) + (p.id * 7 + k) % 30000, k, 'Author ' || ((p.id * 7 + k) % 30000 + 1)
            FROM papers p, generate_series(0, 3) k WHERE p.key LIKE 'bench.%';
            """);

        var paperIds = await db.Papers.Where(p => p.Key.StartsWith("bench.")).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var userIds = await db.Users.Where(u => u.UserName!.StartsWith("bench")).OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-Summaries / 100.0);
        for (var batch = 0; batch < Summaries; batch += 2_000)
        {
            for (var i = batch; i < Math.Min(batch + 2_000, Summaries); i++)
            {
                var at = start.AddMinutes(i * 14.4);
                var sample = samples[i % samples.Count];
                var summary = new Summary
                {
                    PaperId = paperIds[i % Papers], UserId = userIds[(i % People + i / Papers) % People], Status = SummaryStatus.Published,
                    Anonymous = i % 10 == 0, CreatedAt = at, PublishedAt = at, UpdatedAt = i % 4 == 0 ? at.AddHours(5) : at, CurrentRevision = 1,
                };
                summary.Revisions.Add(new SummaryRevision
                {
                    Number = 1, Markdown = "(bench)", Html = sample.Html, ExcerptHtml = sample.ExcerptHtml, PlainText = sample.PlainText,
                    RendererVersion = sample.RendererVersion, EditorId = summary.UserId, CreatedAt = at,
                });
                db.Summaries.Add(summary);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE summaries s SET current_revision_id = r.id FROM summary_revisions r WHERE r.summary_id = s.id AND s.current_revision_id IS NULL;
            ANALYZE;
            """);
    }
}
