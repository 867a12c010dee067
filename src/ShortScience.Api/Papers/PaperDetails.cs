using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.CitedBy;
using ShortScience.Api.Comments;
using ShortScience.Api.Extensions;
using ShortScience.Api.Questions;
using ShortScience.Api.Summaries;
using ShortScience.Contracts;
using ShortScience.Core.Rendering;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Papers;

/// <summary>A paper as its page shows it: metadata, BibTeX entry, published summaries with their comment threads.</summary>
public static class PaperDetails
{
    /// <summary>A paper row and its published summaries, as the page needs them (before the viewer's own bits).</summary>
    sealed record DetailRow(long Id, PaperDetail Detail, string? VenueName, VenueKind? VenueKind, List<string> Categories, bool Cited, List<SummaryRow> Summaries);

    sealed record SummaryRow(
        long Id, int CurrentRevision, Guid UserId, string? UserName, string DisplayName, bool Anonymous, int Score, int CommentCount,
        DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, string Html);

    /// <summary>
    /// The hottest read (every paper page) as a compiled query: EF Core skips translating the expression tree and
    /// looking it up in its query cache on each call. Split: the paper, its authors, its summaries.
    /// </summary>
    static readonly Func<ShortScienceDb, string, CancellationToken, Task<DetailRow?>> PaperByKey = EF.CompileAsyncQuery(
        (ShortScienceDb db, string key, CancellationToken ct) => db.Papers.AsNoTracking()
            .Where(p => p.Key == key && p.Status == ContentStatus.Visible)
            .OrderBy(p => p.Id) // one row (the key is unique), but a split query wants its order stated
            .Select(p => new DetailRow(
                p.Id,
                new PaperDetail(
                    p.Key, p.Title, p.Abstract,
                    p.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
                    p.Venue == null ? null : new VenueRef(p.Venue.Slug, p.Venue.ShortName, p.Venue.Name, p.Venue.Kind),
                    p.Year, p.Keywords, p.ArxivId, p.Doi, p.Url, p.PdfUrl, p.BibtexKey, p.PublishedOn, new List<SummaryView>(), null),
                // What the BibTeX entry needs beyond the above; the page shows the entry without asking again.
                p.Venue == null ? null : p.Venue.Name,
                p.Venue == null ? null : (VenueKind?)p.Venue.Kind,
                p.Categories,
                // Whether anything cites it, asked in the same statement: most papers are cited by nothing here.
                db.Citations.Any(c => c.CitedPaperId == p.Id),
                p.Summaries
                    .Where(s => s.Status == SummaryStatus.Published)
                    .OrderByDescending(s => s.Score).ThenByDescending(s => s.PublishedAt)
                    .Select(s => new SummaryRow(
                        s.Id, s.CurrentRevision, s.UserId, s.User.UserName, s.User.DisplayName, s.Anonymous, s.Score,
                        s.CommentCount, s.PublishedAt, s.UpdatedAt, s.Current!.Html))
                    .ToList()))
            .AsSplitQuery()
            .FirstOrDefault());

    /// <summary>A visible paper as its page shows it to the request's user, or null.</summary>
    public static Task<PaperDetail?> LoadAsync(ShortScienceDb db, string key, HttpContext http, CancellationToken ct) =>
        LoadAsync(db, key, http.User, http.RequestServices, ct);

    /// <summary>A visible paper as its page shows it to <paramref name="user"/> (one signed in or not), or null.</summary>
    public static async Task<PaperDetail?> LoadAsync(ShortScienceDb db, string key, ClaimsPrincipal user, IServiceProvider services, CancellationToken ct)
    {
        var paper = await PaperByKey(db, key, ct);
        if (paper is null) return null;

        var viewer = user.UserId();
        var ids = paper.Summaries.ConvertAll(s => s.Id);
        var threads = await CommentThreads.LoadAsync(db, ids, user, ct);
        var myVotes = viewer is { } me && ids.Count > 0
            ? await db.Votes.AsNoTracking().Where(v => v.UserId == me && v.TargetType == VoteTarget.Summary && ids.Contains(v.TargetId))
                .ToDictionaryAsync(v => v.TargetId, v => (int)v.Value, ct)
            : [];
        var summaries = paper.Summaries.ConvertAll(s => new SummaryView(
            s.Id, s.CurrentRevision, SummaryAccess.Byline(s.Anonymous, s.UserId, s.UserName!, s.DisplayName, user),
            s.Anonymous, s.Score, s.CommentCount, s.PublishedAt!.Value, s.UpdatedAt, s.Html, s.UserId == viewer,
            myVotes.GetValueOrDefault(s.Id), threads.GetValueOrDefault(s.Id) ?? []));
        // Links stored before every entry point checked them are shown only when they are http(s) (no migration needed).
        var detail = paper.Detail with { Url = Checks.WebAddressOrNull(paper.Detail.Url), PdfUrl = Checks.WebAddressOrNull(paper.Detail.PdfUrl) };
        var bibtex = BibtexApi.Entry(new BibtexApi.ExportRow(detail.Key, detail.BibtexKey, detail.Title,
            detail.Authors.Select(a => a.Name).ToList(), paper.VenueName, paper.VenueKind, detail.Year, detail.Doi, detail.ArxivId,
            detail.Url, detail.Keywords.ToList(), paper.Categories));
        var citedBy = paper.Cited ? await CitationIndex.CitedByAsync(db, paper.Id, ct) : [];
        // The page shows the paper's questions too: one answer instead of a second request for them.
        var questions = await QuestionThreads.LoadAsync(db, db.Questions.Where(q => q.PaperId == paper.Id), user, ct);
        var abstractHtml = AbstractHtml(services.GetRequiredService<IMarkdownRenderer>(), detail.Abstract,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PaperDetails)), detail.Key);
        return detail with { Summaries = summaries, Bibtex = bibtex, CitedBy = citedBy, AbstractHtml = abstractHtml, Questions = questions };
    }

    /// <summary>
    /// The abstract with its math rendered and everything else as escaped text (no Markdown, no HTML); the plain
    /// abstract stays in <see cref="PaperDetail.Abstract"/> for search and meta tags. Null when there is none; an
    /// abstract the renderer refuses (too long, math too slow) is shown escaped, without math.
    /// </summary>
    public static string? AbstractHtml(IMarkdownRenderer renderer, string? text, ILogger logger, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return renderer.RenderMathText(text);
        }
        catch (RenderRefusedException e)
        {
            logger.LogWarning("The abstract of {PaperKey} was shown without math: {Reason}", key, e.Message);
            return System.Net.WebUtility.HtmlEncode(text);
        }
    }
}
