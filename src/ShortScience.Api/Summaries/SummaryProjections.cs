using System.Linq.Expressions;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Summaries;

/// <summary>How a summary is shaped for the API, as one expression EF Core turns into SQL.</summary>
public static class SummaryProjections
{
    /// <summary>A summary as lists show it (home tabs, the /following timeline); anonymous authors hidden.</summary>
    public static readonly Expression<Func<Summary, SummaryListItem>> ListItem = s => new SummaryListItem(
        s.Id,
        new PaperHeader(
            s.Paper.Key, s.Paper.Title,
            s.Paper.Authors.OrderBy(a => a.Position).Select(a => new AuthorRef(a.DisplayName, a.Author.Slug)).ToList(),
            s.Paper.Venue == null ? null : new VenueRef(s.Paper.Venue.Slug, s.Paper.Venue.ShortName, s.Paper.Venue.Name),
            s.Paper.Year),
        s.Anonymous ? null : new UserRef(s.User.UserName!, s.User.DisplayName),
        s.Anonymous, s.Score, s.CommentCount, s.PublishedAt!.Value, s.UpdatedAt, s.Current!.ExcerptHtml);
}
