using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Import;

/// <summary>One author row per normalized name; a name a moderator merged away leads to the author it was merged into.</summary>
public sealed class AuthorResolver(ShortScienceDb db, TimeProvider clock)
{
    /// <summary>"Aäron van den Oord" and "Aaron van den Oord" are one key: folded, lower-case, single spaces.</summary>
    public static string NormalizedName(string name) => string.Join(' ', Slug.Fold(name).ToLowerInvariant()
        .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public async Task<Author> ResolveAsync(string name, CancellationToken ct)
    {
        var key = NormalizedName(name);
        var author = db.Authors.Local.FirstOrDefault(a => a.NormalizedName == key)
            ?? await db.Authors.Where(a => a.NormalizedName == key)
                .OrderBy(a => a.MergedIntoId == null ? 0 : 1).ThenBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (author is not null) return await MergeChains.FinalAsync(db, author, ct);

        var baseSlug = Slug.From(name) is { Length: > 0 } s ? s : "author";
        var slug = baseSlug;
        for (var n = 2; db.Authors.Local.Any(a => a.Slug == slug) || await db.Authors.AnyAsync(a => a.Slug == slug, ct); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        author = new Author { Slug = slug, Name = Cut(name), NormalizedName = Cut(key), CreatedAt = clock.GetUtcNow() };
        db.Authors.Add(author);
        return author;
    }


    static string Cut(string text) => TextCut.Prefix(text, 300);
}
