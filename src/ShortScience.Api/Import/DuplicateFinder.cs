using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Import;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Import;

/// <summary>The paper already here that imported metadata describes: same arXiv id, same DOI, or same title and year.</summary>
static class DuplicateFinder
{
    public static async Task<Paper?> FindAsync(ShortScienceDb db, PaperMetadata m, CancellationToken ct)
    {
        var papers = db.Papers.Include(p => p.Venue).Include(p => p.Authors).AsSplitQuery();
        if (m.ArxivId is not null && await papers.Where(p => p.ArxivId == m.ArxivId).OrderBy(p => p.Id).FirstOrDefaultAsync(ct) is { } byArxiv) return byArxiv;
        if (m.Doi is not null && await papers.Where(p => p.Doi!.ToLower() == m.Doi).OrderBy(p => p.Id).FirstOrDefaultAsync(ct) is { } byDoi) return byDoi;

        var title = Slug.NormalizeTitle(m.Title);
        if (title.Length == 0) return null;
        var sameTitle = await papers.Where(p => p.NormalizedTitle == title).OrderBy(p => p.Id).ToListAsync(ct);
        return sameTitle.FirstOrDefault(p => SameYear(p, m) && SameFirstAuthor(p, m));
    }

    /// <summary>
    /// Equal years, or a year apart when one side is a preprint: a December arXiv paper often appears at
    /// the next year's conference. A missing year matches any.
    /// </summary>
    static bool SameYear(Paper p, PaperMetadata m)
    {
        if (p.Year is null || m.Year is null || p.Year == m.Year) return true;
        var preprint = p.Venue is null || p.Venue.Kind == VenueKind.Preprint
            || m.Venue is null || VenueCatalogue.Default.Match(m.Venue)?.Kind == "preprint";
        return preprint && Math.Abs(p.Year.Value - m.Year.Value) == 1;
    }

    static bool SameFirstAuthor(Paper p, PaperMetadata m)
    {
        var first = p.Authors.OrderBy(a => a.Position).FirstOrDefault()?.DisplayName;
        if (first is null || m.Authors.Count == 0) return true;
        var (a, b) = (PersonName.Parse(first).KeyPart, PersonName.Parse(m.Authors[0]).KeyPart);
        // A name with no Latin letters ("张伟") has no key part; compare the whole names in their own script instead.
        return a.Length > 0 || b.Length > 0 ? a == b : Slug.NormalizeTitle(first) == Slug.NormalizeTitle(m.Authors[0]);
    }
}
