using Microsoft.EntityFrameworkCore;
using ShortScience.Core.Import;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Import;

/// <summary>
/// Finds the one venue an imported venue string means: a known alias, else the catalogue (whose venues
/// become rows the first time they are used), else a new venue a moderator can later merge.
/// </summary>
public sealed class VenueResolver(ShortScienceDb db, TimeProvider clock)
{
    static VenueCatalogue Catalogue => VenueCatalogue.Default;

    public Task<Venue?> ResolveAsync(string? name, CancellationToken ct) => ResolveAsync(name, create: true, ct);

    /// <summary>
    /// The venue a name means; with <paramref name="create"/> false an unknown name gives null rather than a new
    /// venue (a proposed change must not add venues before a moderator accepts it).
    /// </summary>
    public async Task<Venue?> ResolveAsync(string? name, bool create, CancellationToken ct)
    {
        if (Visible.IsBlank(name)) return null;
        foreach (var key in VenueNames.Candidates(name))
        {
            var alias = db.VenueAliases.Local.FirstOrDefault(a => a.Normalized == key)
                ?? await db.VenueAliases.Include(a => a.Venue).FirstOrDefaultAsync(a => a.Normalized == key, ct);
            if (alias is not null) return await MergeChains.FinalAsync(db, alias.Venue, ct);
            if (Catalogue.ByKey(key) is { } known) return await EnsureAsync(known, ct);
        }
        return create ? await CreateAsync(name, ct) : null;
    }

    /// <summary>The catalogue venue's row, created or completed with the catalogue's names.</summary>
    public async Task<Venue> EnsureAsync(CatalogueVenue known, CancellationToken ct)
    {
        var venue = db.Venues.Local.FirstOrDefault(v => v.Slug == known.Slug)
            ?? await db.Venues.FirstOrDefaultAsync(v => v.Slug == known.Slug, ct);
        if (venue is null)
        {
            venue = new Venue
            {
                Slug = known.Slug, Name = known.Name, ShortName = known.ShortName, Field = known.Field, Url = known.Url,
                Kind = KindOf(known.Kind), CreatedAt = clock.GetUtcNow(),
            };
            db.Venues.Add(venue);
        }
        else if (venue.MergedIntoId is not null)
        {
            return await MergeChains.FinalAsync(db, venue, ct);
        }
        await AddAliasesAsync(venue, known.AllNames, ct);
        return venue;
    }

    /// <summary>Adds the names no venue answers to yet; a name that already means another venue stays with it.</summary>
    public async Task AddAliasesAsync(Venue venue, IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Select(n => (Name: n, Key: VenueNames.Key(n))).Where(n => n.Key.Length > 0)
            .DistinctBy(n => n.Key).ToList();
        var keys = wanted.Select(n => n.Key).ToList();
        var taken = await db.VenueAliases.Where(a => keys.Contains(a.Normalized)).Select(a => a.Normalized).ToListAsync(ct);
        taken.AddRange(db.VenueAliases.Local.Select(a => a.Normalized));
        foreach (var (alias, key) in wanted.Where(n => !taken.Contains(n.Key)))
        {
            var row = new VenueAlias { Venue = venue, Alias = Cut(alias, 300), Normalized = Cut(key, 300) };
            db.VenueAliases.Add(row);
        }
    }

    /// <summary>Follows moderators' merges to the venue that is still in use.</summary>

    async Task<Venue> CreateAsync(string raw, CancellationToken ct)
    {
        var name = VenueCatalogue.CleanName(raw);
        if (name.Length == 0) name = raw.Trim();
        var acronym = Acronym(name);
        var shortName = acronym ?? name;
        var baseSlug = Slug.From(shortName, 60) is { Length: > 0 } s ? s : "venue";
        var slug = baseSlug;
        for (var n = 2; db.Venues.Local.Any(v => v.Slug == slug) || await db.Venues.AnyAsync(v => v.Slug == slug, ct); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        var venue = new Venue
        {
            Slug = slug, Name = Cut(name, 300), ShortName = Cut(shortName, 80), Kind = KindOf(VenueCatalogue.GuessKind(raw)),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Venues.Add(venue);
        // A name of publisher words only keys as itself; its cleaned form ("Proceedings of the IEEE" → "IEEE") would
        // claim a bare publisher's name for this venue.
        await AddAliasesAsync(venue, VenueNames.Normalize(raw).Length > 0 ? new[] { raw, name } : new[] { raw }, ct);
        return venue;
    }

    /// <summary>"Workshop on Graph Learning (GLW)" → "GLW".</summary>
    static string? Acronym(string name)
    {
        var open = name.LastIndexOf('(');
        if (open < 0 || !name.EndsWith(')')) return null;
        var inside = name[(open + 1)..^1].Trim();
        return inside.Length is > 1 and <= 20 && inside.Any(char.IsUpper) && !inside.Contains(' ') ? inside : null;
    }

    public static VenueKind KindOf(string kind) => Enum.TryParse<VenueKind>(kind, ignoreCase: true, out var k) ? k : VenueKind.Other;

    static string Cut(string text, int max) => TextCut.Prefix(text, max);
}
