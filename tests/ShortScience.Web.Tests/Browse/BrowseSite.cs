using Microsoft.Extensions.DependencyInjection;
using ShortScience.Core.Text;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Web.Tests.Browse;

/// <summary>Browsing and search tests add papers of their own: they get a site of their own.</summary>
[CollectionDefinition(Name)]
public sealed class BrowseCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "browse-site";
}

public static class BrowseSite
{
    public const string WaitingKey = "needle2017";
    public const string WaitingTitle = "Needle Attention in a Haystack";
    public const string TrickyKey = "tricky-title";
    public const string TrickyTitle = "Escaping </script><script>alert('x')</script> in Titles";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static readonly HashSet<SiteFixture> Seeded = [];

    /// <summary>Adds, once per site, a NeurIPS 2017 paper nobody has summarized and one with a hostile title.</summary>
    public static async Task SeedAsync(this SiteFixture site)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Seeded.Add(site)) return;
            await using var scope = site.Api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
            var neurips = db.Venues.Single(v => v.Slug == "neurips");
            var now = DateTimeOffset.UtcNow;
            foreach (var (key, title) in new[] { (WaitingKey, WaitingTitle), (TrickyKey, TrickyTitle) })
            {
                var paper = new Paper
                {
                    Key = key, Title = title, NormalizedTitle = Slug.NormalizeTitle(title), Venue = neurips, Year = 2017,
                    Abstract = $"An abstract about {title}.", CreatedAt = now, UpdatedAt = now, Categories = ["cs.LG"], Field = "cs",
                };
                paper.Authors.Add(new PaperAuthor
                {
                    Author = new Author { Slug = $"{key}-author", Name = "Hay Stack", NormalizedName = "hay stack", CreatedAt = now },
                    Position = 0, DisplayName = "Hay Stack",
                });
                db.Papers.Add(paper);
            }
            await db.SaveChangesAsync();
        }
        finally
        {
            Gate.Release();
        }
    }
}
