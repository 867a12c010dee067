using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Operations;

/// <summary>
/// Everything public, in files anyone can read without this software: papers and comments as JSON, each
/// published summary as Markdown with a small header. Hidden, deleted and draft content is left out, and
/// anonymous summaries carry no author.
/// </summary>
public sealed class PublicExport(ShortScienceDb db, ILogger<PublicExport> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<(int Papers, int Summaries, int Comments)> WriteAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.Combine(folder, "summaries"));
        var papers = await db.Papers.AsNoTracking().Where(p => p.Status == ContentStatus.Visible).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Key, p.Title, Authors = p.Authors.OrderBy(a => a.Position).Select(a => a.DisplayName).ToList(),
                Venue = p.Venue == null ? null : p.Venue.ShortName, p.Year, p.ArxivId, p.Doi, p.Url, p.Abstract, p.Keywords,
            })
            .ToListAsync(ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "papers.json"), JsonSerializer.Serialize(papers, Json), ct);

        var summaries = 0;
        long lastId = 0;
        while (true)
        {
            // Batches by id keep memory flat however large the site is.
            var batch = await db.Summaries.AsNoTracking()
                .Published().Where(s => s.Id > lastId)
                .OrderBy(s => s.Id).Take(500)
                .Select(s => new { s.Id, s.Paper.Key, s.Paper.Title, s.Anonymous, s.User.UserName, s.PublishedAt, s.UpdatedAt, s.CurrentRevision, s.Score, s.Current!.Markdown })
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var s in batch)
            {
                var header = new StringBuilder("---\n")
                    .Append("paper: ").Append(s.Key).Append('\n')
                    .Append("title: ").Append(JsonSerializer.Serialize(s.Title)).Append('\n')
                    .Append("author: ").Append(s.Anonymous ? "anonymous" : s.UserName).Append('\n')
                    .Append("published: ").Append(s.PublishedAt?.ToString("O")).Append('\n')
                    .Append("updated: ").Append(s.UpdatedAt.ToString("O")).Append('\n')
                    .Append("revision: ").Append(s.CurrentRevision).Append('\n')
                    .Append("score: ").Append(s.Score).Append("\n---\n\n");
                var dir = Path.Combine(folder, "summaries", s.Key);
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(Path.Combine(dir, $"{s.Id}.md"), header + s.Markdown, ct);
            }
            summaries += batch.Count;
            lastId = batch[^1].Id;
            logger.LogInformation("Exported {Count} summaries", summaries);
        }

        var comments = await db.Comments.AsNoTracking()
            .Shown()
            .OrderBy(c => c.Id)
            // An anonymous summary's author answering under it stays anonymous here too, as on every page.
            .Select(c => new { c.Id, c.SummaryId, c.ParentId, Author = c.Summary.Anonymous && c.UserId == c.Summary.UserId ? null : c.User.UserName, c.CreatedAt, c.Markdown, c.Score })
            .ToListAsync(ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "comments.json"), JsonSerializer.Serialize(comments, Json), ct);
        logger.LogInformation("Public export in {Folder}: {Papers} papers, {Summaries} summaries, {Comments} comments", folder, papers.Count, summaries, comments.Count);
        return (papers.Count, summaries, comments.Count);
    }
}
