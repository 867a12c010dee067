using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Accessibility;

/// <summary>
/// axe-core on every kind of page, signed out and signed in, in the light and the dark theme: no serious or
/// critical violation (contrast included).
/// </summary>
[Collection(SummariesSiteCollection.Name)]
public sealed class AccessibilityTests(SiteFixture site, Browser browser)
{
    static readonly string[] PublicPages =
    [
        "/", "/?tab=best", "/papers/1706.03762", "/venues", "/users/ada", "/account/login", "/account/register",
        "/account/forgot-password", "/no/such/page",
    ];

    public static TheoryData<string> Schemes() => new() { "light", "dark" };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task PublicPagesHaveNoSeriousViolations(string scheme)
    {
        var (page, _) = await browser.NewPageAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        var report = new List<string>();
        foreach (var path in PublicPages)
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            report.AddRange(await ViolationsAsync(page, path));
        }
        Assert.True(report.Count == 0, string.Join("\n", report));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task SignedInPagesHaveNoSeriousViolations(string scheme)
    {
        var name = $"a11y-{scheme}";
        await site.CreateMemberAsync(name);
        await site.MakeModeratorAsync(name);
        using (var api = await site.ApiClientForAsync(name))
        {
            var published = await api.PutAsJsonAsync("/api/v1/papers/1412.6980/summaries/mine", new PublishRequest("First *version* with $x$.", null, false, null));
            published.EnsureSuccessStatusCode();
            var id = (await published.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
            (await api.PutAsJsonAsync("/api/v1/papers/1412.6980/summaries/mine", new PublishRequest("Second *version* with $y$.", 1, false, "edit"))).EnsureSuccessStatusCode();
            _summaryPaths[scheme] = $"/papers/1412.6980/summaries/{id}";
        }
        var (page, _) = await browser.NewPageAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await site.SignInAsync(page, name);
        var summary = _summaryPaths[scheme];
        string[] pages =
        [
            "/papers/1706.03762", summary, $"{summary}/history", $"{summary}/diff?from=1&to=2", "/account/settings", "/notifications",
            "/moderation", "/moderation?tab=log",
        ];
        var report = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(new Uri(site.WebUrl, path).ToString());
            report.AddRange(await ViolationsAsync(page, path));
        }
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1412.6980/summarize").ToString());
        await Expect(page.Locator(".editor[data-ready]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        report.AddRange(await ViolationsAsync(page, "editor"));
        Assert.True(report.Count == 0, string.Join("\n", report));
    }

    readonly Dictionary<string, string> _summaryPaths = [];

    static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }
}
