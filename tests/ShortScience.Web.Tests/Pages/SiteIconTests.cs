using System.Net;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class SiteIconTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task FaviconIcoIsARealIconWithoutAnyPageLinkingIt()
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        using var response = await http.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // An ICO directory (reserved 0, type 1) holding the 16, 32 and 48 pixel images browsers pick from.
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Equal(3, BitConverter.ToUInt16(bytes, 4));
        Assert.Equal([16, 32, 48], Enumerable.Range(0, 3).Select(i => (int)bytes[6 + 16 * i]));
    }

    [Fact]
    public async Task EveryIconThePageNamesAndTheManifestNamesIsServed()
    {
        var (page, errors) = await browser.NewPageAsync();
        // The help page needs nothing from the API, so only the icons' own requests can fail here.
        await page.GotoAsync(new Uri(site.WebUrl, "/about").ToString());
        var icons = page.Locator("head link[rel=icon], head link[rel=apple-touch-icon], head link[rel=manifest]");
        await Expect(icons).ToHaveCountAsync(4);
        var hrefs = await icons.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");

        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var manifestPath = Assert.Single(hrefs, h => h.EndsWith(".webmanifest", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(await http.GetStringAsync(manifestPath));
        var manifestIcons = manifest.RootElement.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("src").GetString()!).ToList();
        Assert.Contains(manifestIcons, src => src.EndsWith("512.png", StringComparison.Ordinal));

        foreach (var href in hrefs.Concat(manifestIcons))
        {
            using var response = await http.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)response.StatusCode}");
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            Assert.True(type.StartsWith("image/", StringComparison.Ordinal) || type.Contains("manifest", StringComparison.Ordinal), $"{href} is {type}");
        }
        Assert.Empty(errors);
    }
}
