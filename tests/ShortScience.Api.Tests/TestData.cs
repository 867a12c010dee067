using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests;

/// <summary>Builds rows for tests directly in the database, with readable defaults.</summary>
public static class TestData
{
    public static async Task<User> UserAsync(ShortScienceDb db, string name)
    {
        var user = new User
        {
            Id = Guid.NewGuid(), UserName = name, NormalizedUserName = name.ToUpperInvariant(),
            Email = $"{name}@example.org", NormalizedEmail = $"{name}@example.org".ToUpperInvariant(),
            DisplayName = name, CreatedAt = DateTimeOffset.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<Venue> VenueAsync(ShortScienceDb db, string shortName, string name)
    {
        var venue = new Venue { Slug = Slug.From(shortName), ShortName = shortName, Name = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Venues.Add(venue);
        await db.SaveChangesAsync();
        return venue;
    }

    public static async Task<Paper> PaperAsync(
        ShortScienceDb db, string key, string title, Venue? venue = null, int? year = null, params string[] authors)
    {
        var now = DateTimeOffset.UtcNow;
        var paper = new Paper
        {
            Key = key, Title = title, NormalizedTitle = Slug.NormalizeTitle(title), Venue = venue, Year = year,
            CreatedAt = now, UpdatedAt = now, Abstract = $"Abstract of {title}.",
        };
        for (var i = 0; i < authors.Length; i++)
        {
            var slug = Slug.From(authors[i]);
            var author = db.Authors.Local.FirstOrDefault(a => a.Slug == slug)
                ?? db.Authors.FirstOrDefault(a => a.Slug == slug)
                ?? new Author { Slug = slug, Name = authors[i], NormalizedName = authors[i].ToLowerInvariant(), CreatedAt = now };
            paper.Authors.Add(new PaperAuthor { Author = author, Position = i, DisplayName = authors[i] });
        }
        db.Papers.Add(paper);
        await db.SaveChangesAsync();
        return paper;
    }

    /// <summary>A published summary with one revision whose HTML is <paramref name="html"/>.</summary>
    public static async Task<Summary> SummaryAsync(
        ShortScienceDb db, Paper paper, User user, string html, DateTimeOffset? publishedAt = null,
        int score = 0, bool anonymous = false, SummaryStatus status = SummaryStatus.Published)
    {
        var at = publishedAt ?? DateTimeOffset.UtcNow;
        var summary = new Summary
        {
            PaperId = paper.Id, UserId = user.Id, Status = status, Score = score, Anonymous = anonymous,
            CreatedAt = at, PublishedAt = at, UpdatedAt = at, CurrentRevision = 1,
        };
        summary.Revisions.Add(new SummaryRevision
        {
            Number = 1, Markdown = html, Html = html, ExcerptHtml = html, PlainText = html, RendererVersion = 1,
            EditorId = user.Id, CreatedAt = at,
        });
        db.Summaries.Add(summary);
        await db.SaveChangesAsync();
        summary.CurrentRevisionId = summary.Revisions[0].Id;
        if (status == SummaryStatus.Published)
        {
            db.Papers.Attach(paper);
            paper.SummaryCount++;
        }
        await db.SaveChangesAsync();
        return summary;
    }
}
