using ShortScience.Api.Replicas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Api.Papers;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Api.Moderation;

namespace ShortScience.Api.Authors;

/// <summary>Authors with their papers; a moderator merges name variants, and the old slug resolves to the merged author.</summary>
public static class AuthorsApi
{
    public static void MapAuthorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/authors").WithTags("Authors").ReadsFromStandby();
        group.MapGet("/{slug}", GetAsync).WithName("GetAuthor");
        group.MapPost("/{slug}/merge", MergeAsync).RequireAuthorization(Policies.Moderator);
    }

    /// <summary>
    /// The other names an author goes by: of the authors merged into them, and as printed on papers readers can see (a
    /// hidden spam paper's byline is not one of theirs).
    /// </summary>
    internal static async Task<List<string>> OtherNamesAsync(ShortScienceDb db, Author author, CancellationToken ct)
    {
        var merged = await db.Authors.Where(a => a.MergedIntoId == author.Id).Select(a => a.Name).ToListAsync(ct);
        var printed = await db.PaperAuthors.Where(pa => pa.AuthorId == author.Id && pa.Paper.Status == ContentStatus.Visible)
            .Select(pa => pa.DisplayName).Distinct().ToListAsync(ct);
        return merged.Concat(printed).Where(n => n != author.Name).Distinct().Order().ToList();
    }

    static async Task<Results<Ok<AuthorDetail>, ProblemHttpResult>> GetAsync(string slug, ShortScienceDb db, CancellationToken ct)
    {
        var author = await MergeChains.AuthorAsync(db, slug, ct);
        if (author is null) return Problems.NotFound($"There is no author '{slug}'.");

        var otherNames = await OtherNamesAsync(db, author, ct);
        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.Status == ContentStatus.Visible && p.Authors.Any(a => a.AuthorId == author.Id))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => new PaperListItem(
                p.Key, p.Title,
                p.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                p.Venue == null ? null : new VenueRef(p.Venue.Slug, p.Venue.ShortName, p.Venue.Name),
                p.Year, p.SummaryCount, p.ArxivId, p.Doi, p.CreatedAt))
            .Take(500)
            .ToListAsync(ct);
        return TypedResults.Ok(new AuthorDetail(author.Slug, author.Name, otherNames, papers));
    }

    static async Task<Results<Ok<AuthorDetail>, ProblemHttpResult>> MergeAsync(
        string slug, MergeRequest request, HttpContext http, ShortScienceDb db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Into)) return Problems.BadRequest("Name the author to merge into.", "into");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.Authors.FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (source is null) return Problems.NotFound($"There is no author '{slug}'.");
        if (source.MergedIntoId is not null)
        {
            return Problems.Conflict($"'{slug}' was already merged.");
        }
        var target = await MergeChains.AuthorAsync(db, request.Into, ct);
        if (target is null) return Problems.NotFound($"There is no author '{request.Into}'.");
        if (target.Id == source.Id) return Problems.BadRequest("An author cannot be merged into themselves.", "into");

        var moved = await db.PaperAuthors.Where(pa => pa.AuthorId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(pa => pa.AuthorId, target.Id), ct);
        await db.Authors.Where(a => a.MergedIntoId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.MergedIntoId, target.Id), ct);
        await Follows.FollowMoves.AuthorAsync(db, source.Slug, target.Slug, ct);
        source.MergedIntoId = target.Id;
        ModerationLog.Add(db, http.User.RequiredUserId(), "merge-author", "author", slug,
            $"into {target.Slug}; {moved} papers moved{(string.IsNullOrWhiteSpace(request.Reason) ? "" : " — " + request.Reason.Trim())}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(target.Slug, db, ct);
    }

}
