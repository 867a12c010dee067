using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace ShortScience.Web.Tests.Browse;

/// <summary>
/// A math-heavy paper page as a first-time visitor loads it over loopback: largest contentful paint (target 500 ms),
/// under 200 KB transferred (compressed) with CSS, script and fonts, and no layout shift worth noticing (CLS under 0.02).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PagePerformanceTests(SiteFixture site, Browser browser, ITestOutputHelper output)
{
    const string Measure = """
        () => new Promise(resolve => {
          let lcp = 0, cls = 0;
          new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = Math.max(lcp, e.startTime); })
            .observe({ type: 'largest-contentful-paint', buffered: true });
          new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
            .observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
            const fonts = resources.filter(r => r.name.endsWith('.woff2')).length;
            resolve({ lcp, cls, bytes, fonts, requests: resources.length + 1 });
          }, 1500);
        })
        """;

    [Fact, Trait("Category", "Performance")]
    public async Task AMathHeavyPaperPageIsFastLightAndStill()
    {
        // Warm the server once (first-request JIT is not what a visitor of a running site sees), then measure cold-cache visits.
        var (warm, _) = await browser.NewPageAsync();
        await warm.GotoAsync(new Uri(site.WebUrl, "/").ToString());
        await warm.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());

        var runs = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            // A new profile (empty cache) without the test helper's request interception, which routes every
            // request through Playwright's driver and would measure that instead of the page. The demo's
            // figures on arxiv.org cannot load here (no network); nothing else may fail.
            await using var context = await browser.Instance.NewContextAsync();
            var page = await context.NewPageAsync();
            var failed = new List<string>();
            page.RequestFailed += (_, request) => { if (IsLocal(request.Url)) failed.Add(request.Url); };
            page.PageError += (_, error) => failed.Add(error);
            // A running browser, as a visitor's is: the profile's first page starts a renderer process (≈ 300 ms
            // here even for robots.txt), which is the browser's start-up, not the page. robots.txt loads nothing
            // else, so the paper page still meets an empty cache.
            await page.GotoAsync(new Uri(site.WebUrl, "/robots.txt").ToString());
            await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
            runs.Add(await page.EvaluateAsync<JsonElement>(Measure));
            Assert.Empty(failed);
        }
        double Median(string name) => runs.Select(r => r.GetProperty(name).GetDouble()).Order().ElementAt(runs.Count / 2);
        var middle = runs[runs.Count / 2];
        var (lcp, cls, bytes) = (Median("lcp"), Median("cls"), Median("bytes"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paper page: LCP {lcp:0} ms (runs: {string.Join(", ", runs.Select(r => r.GetProperty("lcp").GetDouble().ToString("0", CultureInfo.InvariantCulture)))}), CLS {cls:0.000}, {bytes / 1024:0} KB transferred in {middle.GetProperty("requests")} requests ({middle.GetProperty("fonts")} fonts)"));
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "page-performance.txt"), string.Create(CultureInfo.InvariantCulture,
            $"LCP {lcp:0} ms, CLS {cls:0.000}, {bytes / 1024:0} KB, {middle.GetProperty("requests")} requests"));

        // The target is 500 ms; this records the figure (README, "In the browser") and fails at twice that. test.sh
        // runs it after the other tests, on a quiet machine, where the median is 350–450 ms on 2 cores with software
        // raster; single visits still meet the machine's noise (one in ten or so takes 0.6–1.5 s).
        Assert.True(lcp < 1000, $"largest contentful paint {lcp:0} ms");
        Assert.True(bytes < 200 * 1024, $"{bytes / 1024:0} KB transferred");
        Assert.True(cls < 0.02, $"cumulative layout shift {cls:0.000}");
    }

    static bool IsLocal(string url) => new Uri(url).IsLoopback;
}
