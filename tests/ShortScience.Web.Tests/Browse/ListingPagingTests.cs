using System.Net;
using System.Net.Http.Json;
using System.Text;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Browse;

/// <summary>
/// Listings with two lists page each with its own parameter (summarized papers by <c>cursor</c>, waiting ones by
/// <c>more</c>). The site's links page one list; an address with both (typed, or kept from two pages) used to show
/// neither list, an empty page that said nothing was there.
/// </summary>
[Collection(BrowseCollection.Name)]
public sealed class ListingPagingTests(SiteFixture site)
{
    /// <summary>A cursor from before every paper: the list's first page, as a link from the site would name it.</summary>
    static readonly string FromTheTop = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{int.MaxValue}:{long.MaxValue}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task AnAddressPagingBothListsShowsBoth()
    {
        await site.SeedAsync();
        using var api = new HttpClient { BaseAddress = site.Api.Address };
        YearListing? year = null;
        for (var y = DateTime.UtcNow.Year; y >= 1990 && year is null; y--)
        {
            var listing = await api.GetFromJsonAsync<YearListing>($"/api/v1/years/{y}");
            if (listing is { Papers: { Summarized: > 0, Unsummarized: > 0 } }) year = listing;
        }
        Assert.NotNull(year);
        var venue = year.Papers.Items.First(p => p.Venue is not null).Venue!.Slug;
        var venueYear = (await api.GetFromJsonAsync<VenueYearListing>($"/api/v1/venues/{venue}/{year.Year}"))!;
        using var web = new HttpClient { BaseAddress = site.WebUrl };

        foreach (var (path, listing) in new[] { ($"/years/{year.Year}", year.Papers), ($"/venues/{venue}/{year.Year}", venueYear.Papers) })
        {
            var both = await web.GetAsync($"{path}?cursor={FromTheTop}&more={FromTheTop}");
            Assert.Equal(HttpStatusCode.OK, both.StatusCode);
            var html = await both.Content.ReadAsStringAsync();
            Assert.Contains("id=\"summarized-title\"", html);
            Assert.Equal(listing.Unsummarized > 0, html.Contains("id=\"needs-title\"", StringComparison.Ordinal));
            Assert.Contains($"/papers/{Uri.EscapeDataString(listing.Items[0].Key)}", html);

            // One list's parameter alone pages that list alone.
            var summarizedOnly = await (await web.GetAsync($"{path}?cursor={FromTheTop}")).Content.ReadAsStringAsync();
            Assert.Contains("id=\"summarized-title\"", summarizedOnly);
            Assert.DoesNotContain("id=\"needs-title\"", summarizedOnly);
        }
    }
}
