using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Caching;
using ShortScience.Api.Follows;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Feeds;

/// <summary>Every feed the site offers, as a <see cref="FeedDocument"/>; null when what it names does not exist.</summary>
public sealed class FeedSources(ShortScienceDb db, FeedContent content)
{
    /// <summary>The document with every entry's HTML and plain text filled in.</summary>
    public async Task<FeedDocument> WithTextsAsync(FeedDocument document, CancellationToken ct) =>
        document with { Entries = await content.FillAsync(db, [.. document.Entries], ct) };

    public async Task<FeedDocument?> SummariesAsync(int limit, CancellationToken ct) =>
        new("summaries", "ShortScience: new summaries", "The newest summaries of research papers on ShortScience.", "/", "",
            await FeedQueries.SummaryEntriesAsync(FeedQueries.Summaries(db), limit, ct), [CacheEviction.AllSummaries]);

    public async Task<FeedDocument?> CommentsAsync(int limit, CancellationToken ct) =>
        new("comments", "ShortScience: new comments", "The newest comments on summaries on ShortScience.", "/", "",
            await FeedQueries.CommentEntriesAsync(FeedQueries.Comments(db), limit, ct), [CacheEviction.AllComments]);

    public async Task<FeedDocument?> QuestionsAsync(int limit, CancellationToken ct) =>
        new("questions", "ShortScience: new questions and answers", "The newest questions about papers on ShortScience, and their answers.",
            Links.Questions, "", await FeedQueries.QuestionsAndAnswersAsync(FeedQueries.Questions(db), FeedQueries.Answers(db), limit, ct),
            [CacheEviction.AllQuestions]);

    public async Task<FeedDocument?> PaperQuestionsAsync(string key, int limit, CancellationToken ct)
    {
        if (await FeedTargets.PaperAsync(db, key, ct) is not { } paper) return null;
        var entries = await FeedQueries.QuestionsAndAnswersAsync(
            FeedQueries.Questions(db).Where(q => q.PaperId == paper.Id), FeedQueries.Answers(db).Where(a => a.Question.PaperId == paper.Id), limit, ct);
        return new($"papers/{paper.Key}/questions", $"{paper.Title}: questions and answers", $"Questions and answers about “{paper.Title}”.",
            $"/papers/{paper.Key}", "", entries, [CacheTags.Paper(paper.Key), CacheEviction.AllQuestions]);
    }

    public async Task<FeedDocument?> PaperAsync(string key, int limit, CancellationToken ct)
    {
        if (await FeedTargets.PaperAsync(db, key, ct) is not { } paper) return null;
        var entries = await FeedQueries.MixedAsync(
            FeedQueries.Summaries(db).Where(s => s.PaperId == paper.Id), FeedQueries.Comments(db).Where(c => c.Summary.PaperId == paper.Id), limit, ct);
        return new($"papers/{paper.Key}", $"{paper.Title}: summaries and comments", $"Summaries and comments on “{paper.Title}”.",
            $"/papers/{paper.Key}", "", entries, [CacheTags.Paper(paper.Key)]);
    }

    public async Task<FeedDocument?> VenueAsync(string slug, int limit, CancellationToken ct)
    {
        if (await MergeChains.VenueAsync(db, slug, ct) is not { } venue) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(FeedQueries.Summaries(db).Where(s => s.Paper.VenueId == venue.Id), limit, ct);
        return new($"venues/{venue.Slug}", $"{venue.ShortName}: new summaries", $"New summaries of papers from {venue.Name}.",
            $"/venues/{venue.Slug}", "", entries, [CacheTags.Venue(venue.Slug)]);
    }

    public async Task<FeedDocument?> VenueYearAsync(string slug, string yearText, int limit, CancellationToken ct)
    {
        if (!FeedTargets.TryYear(yearText, out var year) || await MergeChains.VenueAsync(db, slug, ct) is not { } venue) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(
            FeedQueries.Summaries(db).Where(s => s.Paper.VenueId == venue.Id && s.Paper.Year == year), limit, ct);
        return new($"venues/{venue.Slug}/{year}", $"{venue.ShortName} {year}: new summaries", $"New summaries of papers from {venue.Name} {year}.",
            $"/venues/{venue.Slug}/{year}", "", entries, [CacheTags.VenueYear(venue.Slug, year)]);
    }

    public async Task<FeedDocument?> YearAsync(string yearText, int limit, CancellationToken ct)
    {
        if (!FeedTargets.TryYear(yearText, out var year)) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(FeedQueries.Summaries(db).Where(s => s.Paper.Year == year), limit, ct);
        return new($"years/{year}", $"Papers of {year}: new summaries", $"New summaries of papers published in {year}.",
            $"/years/{year}", "", entries, [CacheTags.Year(year)]);
    }

    public async Task<FeedDocument?> TagAsync(string tag, int limit, CancellationToken ct)
    {
        // Tags have no table: a tag no paper carries yet is an empty feed, ready for the first one.
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 100) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(FeedQueries.Summaries(db).Where(s => s.Paper.Keywords.Contains(tag)), limit, ct);
        return new($"tags/{Uri.EscapeDataString(tag)}", $"Tagged “{tag}”: new summaries", $"New summaries of papers tagged “{tag}”.",
            $"/tags/{Uri.EscapeDataString(tag)}", "", entries, [CacheTags.Tag(tag)]);
    }

    public async Task<FeedDocument?> AuthorAsync(string slug, int limit, CancellationToken ct)
    {
        if (await MergeChains.AuthorAsync(db, slug, ct) is not { } author) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(
            FeedQueries.Summaries(db).Where(s => s.Paper.Authors.Any(a => a.AuthorId == author.Id)), limit, ct);
        return new($"authors/{author.Slug}", $"{author.Name}: new summaries", $"New summaries of papers by {author.Name}.",
            $"/authors/{author.Slug}", "", entries, [CacheTags.Author(author.Slug)]);
    }

    public async Task<FeedDocument?> UserAsync(string name, int limit, CancellationToken ct)
    {
        if (await FeedTargets.UserAsync(db, name, ct) is not { } user) return null;
        // Anonymous summaries stay out: listing them under their author would unmask them.
        var entries = await FeedQueries.SummaryEntriesAsync(
            FeedQueries.Summaries(db).Where(s => s.UserId == user.Id && !s.Anonymous), limit, ct);
        return new($"users/{user.UserName}", $"Summaries by {user.DisplayName}", $"New summaries written by {user.DisplayName} on ShortScience.",
            $"/users/{user.UserName}", "", entries, [CacheTags.User(user.UserName)]);
    }

    public async Task<FeedDocument?> SearchAsync(string q, int limit, CancellationToken ct)
    {
        var query = q.Trim();
        // The new summaries of the papers the search finds: the same match as the search page (title, authors, abstract,
        // summaries and questions, accents ignored), through the index it uses, so the feed of a search the page
        // offers is never empty while the page lists summarized papers.
        var papers = db.Papers.Where(p => p.Status == ContentStatus.Visible
            && p.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery(Search.SearchPlanner.Config, query))).Select(p => p.Id);
        var matches = FeedQueries.Summaries(db).Where(s => papers.Contains(s.PaperId));
        var entries = await FeedQueries.SummaryEntriesAsync(matches, limit, ct);
        return new("search", $"Search “{query}”: new summaries", $"New summaries of the papers matching “{query}”.",
            $"/search?q={Uri.EscapeDataString(query)}", $"?q={Uri.EscapeDataString(query)}", entries, [CacheEviction.Search]);
    }

    /// <summary>A person's private feed: new summaries from everything they follow. The token is the only key.</summary>
    public async Task<FeedDocument?> FollowingAsync(string token, int limit, CancellationToken ct)
    {
        var normalized = token.ToLowerInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.FeedToken == normalized)
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(Timeline.Followed(db, user.Id, limit, null), limit, ct);
        return new($"following/{normalized}", $"Following: new summaries for {user.DisplayName}",
            "New summaries of the papers, venues, tags, authors and people you follow on ShortScience.", "/following", "",
            entries, [CacheTags.FollowingOf(user.Id), CacheEviction.AllFollowing], Private: true);
    }

    /// <summary>A person's private reading-list feed: new summaries of the papers they saved. The token is the only key.</summary>
    public async Task<FeedDocument?> ReadingListAsync(string token, int limit, CancellationToken ct)
    {
        var normalized = token.ToLowerInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.ReadingListFeedToken == normalized)
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var entries = await FeedQueries.SummaryEntriesAsync(
            FeedQueries.Summaries(db).Where(s => db.ReadingList.Any(e => e.UserId == user.Id && e.PaperId == s.PaperId)), limit, ct);
        return new($"reading-list/{normalized}", $"Reading list: new summaries for {user.DisplayName}",
            "New summaries of the papers you saved for later on ShortScience.", "/reading-list", "",
            entries, [CacheTags.FollowingOf(user.Id), CacheEviction.AllFollowing], Private: true);
    }
}
