using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Browse;
using ShortScience.Core.Import;
using ShortScience.Core.Rendering;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Rendering;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Demo;

/// <summary>
/// Loads the hand-written demo papers, summaries, comments, questions and answers in Demo/content into an empty
/// database, with the papers' "cited by" lists as the texts' citations make them.
/// </summary>
public sealed class DemoSeeder(ShortScienceDb db, UserManager<User> users, ContentRenderer renderer, CitationIndex citations, ILogger<DemoSeeder> logger)
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

        var comments = await AddCommentsAsync(papers, people, ct);
        var questions = await AddQuestionsAsync(papers, people, ct);
        // "Cited by" is kept by the write paths; the demo's texts are written here, so their citations are recorded here.
        foreach (var summary in db.Summaries.Local) await citations.RecordSummaryAsync(summary.Id, ct);
        foreach (var comment in comments) await citations.RecordCommentAsync(comment.Id, ct);
        foreach (var question in questions)
        {
            await citations.RecordQuestionAsync(question.Id, ct);
            foreach (var answer in question.Answers) await citations.RecordAnswerAsync(answer.Id, ct);
        }
        await tx.CommitAsync(ct);

        logger.LogInformation("Loaded demo content: {Venues} venues, {Papers} papers, {Authors} authors, {Users} users, {Summaries} summaries, "
            + "{Comments} comments, {Questions} questions", venues.Count, papers.Count, authors.Count, people.Count, summaries.Count,
            comments.Count, questions.Count);
        return true;
    }

    /// <summary>Comment threads under summaries (each summary named by its paper and its writer), replies one level deep.</summary>
    async Task<List<Comment>> AddCommentsAsync(Dictionary<string, Paper> papers, Dictionary<string, User> people, CancellationToken ct)
    {
        var added = new List<Comment>();
        foreach (var thread in Read<DemoComment>("comments.json"))
        {
            var summary = db.Summaries.Local.Single(s => s.Paper == papers[thread.Paper!] && s.User == people[thread.SummaryBy!]);
            var top = await CommentAsync(summary, null, thread, people, ct);
            added.Add(top);
            foreach (var reply in thread.Replies) added.Add(await CommentAsync(summary, top, reply, people, ct));
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    async Task<Comment> CommentAsync(Summary summary, Comment? parent, DemoComment text, Dictionary<string, User> people, CancellationToken ct)
    {
        var rendered = await renderer.RenderAsync(text.Markdown, ct);
        var comment = new Comment
        {
            Summary = summary, Parent = parent, User = people[text.User], Markdown = text.Markdown, Html = rendered.Html,
            PlainText = rendered.PlainText, RendererVersion = rendered.RendererVersion, Status = ContentStatus.Visible,
            CreatedAt = text.At, UpdatedAt = text.At,
        };
        comment.Revisions.Add(new CommentRevision
        {
            Number = 1, Markdown = text.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = text.At,
        });
        db.Comments.Add(comment);
        summary.CommentCount++;
        return comment;
    }

    /// <summary>Questions on papers with their answers; an answer marked accepted is the asker's accepted one.</summary>
    async Task<List<Question>> AddQuestionsAsync(Dictionary<string, Paper> papers, Dictionary<string, User> people, CancellationToken ct)
    {
        var added = new List<(Question Question, Answer? Accepted)>();
        foreach (var q in Read<DemoQuestion>("questions.json"))
        {
            Answer? accepted = null;
            var rendered = await renderer.RenderAsync(q.Markdown, ct);
            var question = new Question
            {
                Paper = papers[q.Paper], User = people[q.User], Title = q.Title, Markdown = q.Markdown, Html = rendered.Html,
                PlainText = rendered.PlainText, RendererVersion = rendered.RendererVersion, Status = ContentStatus.Visible,
                AnswerCount = q.Answers.Count, CreatedAt = q.At, UpdatedAt = q.At,
            };
            question.Revisions.Add(new QuestionRevision
            {
                Number = 1, Title = q.Title, Markdown = q.Markdown, Html = rendered.Html, RendererVersion = rendered.RendererVersion, CreatedAt = q.At,
            });
            foreach (var a in q.Answers)
            {
                var answerText = await renderer.RenderAsync(a.Markdown, ct);
                var answer = new Answer
                {
                    User = people[a.User], Markdown = a.Markdown, Html = answerText.Html, PlainText = answerText.PlainText,
                    RendererVersion = answerText.RendererVersion, Status = ContentStatus.Visible, CreatedAt = a.At, UpdatedAt = a.At,
                };
                answer.Revisions.Add(new AnswerRevision
                {
                    Number = 1, Markdown = a.Markdown, Html = answerText.Html, RendererVersion = answerText.RendererVersion, CreatedAt = a.At,
                });
                question.Answers.Add(answer);
                if (a.Accepted) accepted = answer;
            }
            db.Questions.Add(question);
            added.Add((question, accepted));
        }
        await db.SaveChangesAsync(ct);
        // The accepted answer's id is known only after the save.
        foreach (var (question, accepted) in added.Where(q => q.Accepted is not null)) question.AcceptedAnswerId = accepted!.Id;
        await db.SaveChangesAsync(ct);
        return added.Select(q => q.Question).ToList();
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

    sealed record DemoComment(string User, DateTimeOffset At, string Markdown, string? Paper = null, string? SummaryBy = null)
    {
        public List<DemoComment> Replies { get; init; } = [];
    }

    sealed record DemoQuestion(string Paper, string User, DateTimeOffset At, string Title, string Markdown, List<DemoAnswer> Answers);

    sealed record DemoAnswer(string User, DateTimeOffset At, string Markdown, bool Accepted);
}
