using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Browse;
using ShortScience.Core.Import;
using ShortScience.Core.Rendering;
using ShortScience.Api.Rendering;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Demo;

/// <summary>Loads the hand-written demo papers and summaries in Demo/content into an empty database.</summary>
public sealed class DemoSeeder(ShortScienceDb db, UserManager<User> users, ContentRenderer renderer, ILogger<DemoSeeder> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ContentFolder => Path.Combine(AppContext.BaseDirectory, "Demo", "content");

    /// <returns>True when the demo was loaded, false when the database already had papers.</returns>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two starts at once must not both load the demo.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727001)", ct);
        if (await db.Papers.AnyAsync(ct))
        {
            logger.LogInformation("Database already has papers; demo content not loaded");
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        var venues = new Dictionary<string, Venue>();
        foreach (var v in Read<DemoVenue>("venues.json"))
        {
            var venue = new Venue
            {
                Slug = v.Slug, Name = v.Name, ShortName = v.ShortName, Field = v.Field, Url = v.Url, CreatedAt = now,
                Kind = Enum.Parse<VenueKind>(v.Kind, ignoreCase: true),
            };
            // Demo venues are catalogue venues: they answer to every name the importer matches.
            var names = v.Aliases.Append(v.ShortName).Append(v.Name).Concat(VenueCatalogue.Default.BySlug(v.Slug)?.AllNames ?? []);
            foreach (var (alias, key) in names.Select(n => (n, VenueNames.Key(n))).Where(n => n.Item2.Length > 0).DistinctBy(n => n.Item2))
            {
                venue.Aliases.Add(new VenueAlias { Alias = alias, Normalized = key });
            }
            venues[v.Slug] = venue;
            db.Venues.Add(venue);
        }

        var people = new Dictionary<string, User>();
        foreach (var u in Read<DemoUser>("users.json"))
        {
            var user = new User
            {
                UserName = u.UserName, Email = $"{u.UserName}@demo.shortscience.invalid", EmailConfirmed = true,
                DisplayName = u.DisplayName, Affiliation = u.Affiliation, Bio = u.Bio, CreatedAt = now,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {u.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
            people[u.UserName] = user;
        }

        var authors = new Dictionary<string, Author>();
        var papers = new Dictionary<string, Paper>();
        foreach (var p in Read<DemoPaper>("papers.json"))
        {
            var paper = new Paper
            {
                Key = p.Key, Title = p.Title, NormalizedTitle = Slug.NormalizeTitle(p.Title), Abstract = p.Abstract,
                Year = p.Year, Venue = venues[p.Venue], ArxivId = p.ArxivId, Doi = p.Doi, Url = p.Url, PdfUrl = p.PdfUrl,
                Keywords = p.Keywords, Categories = p.Categories, Field = Fields.Of(p.Categories, venues[p.Venue].Field),
                PublishedOn = p.PublishedOn, CreatedAt = now, UpdatedAt = now,
            };
            for (var i = 0; i < p.Authors.Count; i++)
            {
                var slug = Slug.From(p.Authors[i]);
                if (!authors.TryGetValue(slug, out var author))
                {
                    author = new Author { Slug = slug, Name = p.Authors[i], NormalizedName = Slug.Fold(p.Authors[i]).ToLowerInvariant(), CreatedAt = now };
                    authors[slug] = author;
                }
                paper.Authors.Add(new PaperAuthor { Author = author, Position = i, DisplayName = p.Authors[i] });
            }
            papers[p.Key] = paper;
            db.Papers.Add(paper);
        }
        await db.SaveChangesAsync(ct);

        var summaries = Read<DemoSummary>("summaries.json");
        foreach (var s in summaries)
        {
            var paper = papers[s.Paper];
            var author = people[s.User];
            var summary = new Summary
            {
                Paper = paper, User = author, Status = SummaryStatus.Published, Anonymous = s.Anonymous, Score = s.Score,
                Upvotes = s.Score, CreatedAt = s.PublishedAt, PublishedAt = s.PublishedAt,
            };
            for (var n = 0; n < s.Revisions.Count; n++)
            {
                var markdown = await File.ReadAllTextAsync(Path.Combine(ContentFolder, "summaries", s.Revisions[n]), ct);
                // The papers are saved above in this transaction, so \cite ids resolve to their titles.
                var rendered = await renderer.RenderAsync(markdown, ct);
                var at = s.PublishedAt.AddDays(n * 9);
                summary.Revisions.Add(new SummaryRevision
                {
                    Number = n + 1, Markdown = markdown, Html = rendered.Html, ExcerptHtml = rendered.ExcerptHtml,
                    PlainText = rendered.PlainText, RendererVersion = rendered.RendererVersion, EditorId = author.Id,
                    CreatedAt = at, Note = n == 0 ? null : "Clarified and extended",
                });
                summary.UpdatedAt = at;
            }
            summary.CurrentRevision = summary.Revisions.Count;
            db.Summaries.Add(summary);
            paper.SummaryCount++;
            if (paper.LastSummaryAt is null || paper.LastSummaryAt < s.PublishedAt) paper.LastSummaryAt = s.PublishedAt;
        }
        await db.SaveChangesAsync(ct);

        // The current revision pointer needs the revisions' ids, known only after the first save.
        foreach (var summary in db.Summaries.Local)
        {
            summary.Current = summary.Revisions.Single(r => r.Number == summary.CurrentRevision);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogInformation("Loaded demo content: {Venues} venues, {Papers} papers, {Authors} authors, {Users} users, {Summaries} summaries",
            venues.Count, papers.Count, authors.Count, people.Count, summaries.Count);
        return true;
    }

    static List<T> Read<T>(string file) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(ContentFolder, file)), Json)
        ?? throw new InvalidDataException($"Demo file {file} is empty");

    sealed record DemoVenue(string Slug, string ShortName, string Name, string Kind, string? Field, string? Url, List<string> Aliases);

    sealed record DemoUser(string UserName, string DisplayName, string? Affiliation, string? Bio);

    sealed record DemoPaper(
        string Key, string Title, List<string> Authors, string Venue, int Year, string? ArxivId, string? Doi,
        string? Url, string? PdfUrl, List<string> Keywords, List<string> Categories, DateOnly? PublishedOn, string Abstract);

    sealed record DemoSummary(string Paper, string User, bool Anonymous, DateTimeOffset PublishedAt, List<string> Revisions, int Score);
}
