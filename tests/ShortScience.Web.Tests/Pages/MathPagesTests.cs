namespace ShortScience.Web.Tests.Pages;

/// <summary>Math arrives finished from the server and is drawn with KaTeX's own fonts, served by the Web host.</summary>
[Collection(SiteCollection.Name)]
public sealed class MathPagesTests(SiteFixture site, Browser browser)
{
    [Fact]
    public async Task SummaryMathIsTypesetWithKatexFontsAndNoScript()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1412.6980").ToString());

        Assert.True(await page.Locator(".prose .katex").CountAsync() > 5);
        Assert.True(await page.Locator(".prose .math-display .katex-display").CountAsync() >= 1);
        Assert.Equal(0, await page.Locator(".math-error").CountAsync());
        // The KaTeX stylesheet applied (the MathML copy is visually hidden) and its fonts loaded.
        Assert.Equal("absolute", await page.Locator(".katex-mathml").First.EvaluateAsync<string>("e => getComputedStyle(e).position"));
        await page.EvaluateAsync("() => document.fonts.ready");
        var loaded = await page.EvaluateAsync<string[]>("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)");
        Assert.Contains(loaded, family => family.Contains("KaTeX_Main"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task KatexFontsAreFetchedOnceAndCachedForGood()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());
        await page.EvaluateAsync("() => document.fonts.ready");

        // The preloaded fonts are the very URLs the stylesheet asks for (a mismatch would fetch each font twice),
        // in a folder named for KaTeX's version, so a URL never changes its content.
        var preloads = await page.Locator("link[rel=preload][as=font]").EvaluateAllAsync<string[]>("links => links.map(l => l.href)");
        var fonts = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(r => r.name).filter(n => n.endsWith('.woff2'))");
        var version = Web.Extensions.KatexFonts.Version;
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Equal(5, preloads.Length);
        Assert.Subset(fonts.ToHashSet(), preloads.ToHashSet());
        Assert.Equal(fonts.Length, fonts.Select(url => url[(url.LastIndexOf('/') + 1)..]).Distinct().Count());
        Assert.All(fonts, url => Assert.Contains($"/lib/katex/fonts/{version}/KaTeX_", url));

        using var http = new HttpClient();
        foreach (var url in fonts)
        {
            using var response = await http.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("font/woff2", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Web.Extensions.KatexFonts.CacheControl, response.Headers.CacheControl?.ToString());
            // Asked again (a browser revalidating what it stored before this change): the 304 renews the lifetime.
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await http.SendAsync(again);
            Assert.Equal(System.Net.HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(Web.Extensions.KatexFonts.CacheControl, notModified.Headers.CacheControl?.ToString());
        }
        // Anything else under the fonts folder is not a KaTeX font and gets no such promise.
        using var missing = await http.GetAsync(new Uri(site.WebUrl, $"/lib/katex/fonts/{version}/nothing.woff2"));
        Assert.NotEqual(Web.Extensions.KatexFonts.CacheControl, missing.Headers.CacheControl?.ToString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ScreenReadersGetEveryFormulaAsMath()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1412.6980").ToString());

        // The accessibility tree Chromium hands to screen readers: one "math" node per formula (KaTeX's MathML copy,
        // visually hidden), holding the formula's symbols.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var nodes = (await cdp.SendAsync("Accessibility.getFullAXTree"))!.Value.GetProperty("nodes").EnumerateArray().ToList();
        static string Role(System.Text.Json.JsonElement n) => n.TryGetProperty("role", out var r) ? r.GetProperty("value").GetString() ?? "" : "";
        var formulas = await page.Locator(".katex").CountAsync();
        Assert.True(formulas > 5);
        // Including formulas below the first screen (the demo's comment on epsilon): each one, not only those in view.
        Assert.True(await page.Locator(".comment .katex").CountAsync() >= 2);
        Assert.True(await page.Locator(".comment").First.EvaluateAsync<bool>("c => c.getBoundingClientRect().top > innerHeight"));
        Assert.Equal(formulas, nodes.Count(n => Role(n) is "math" or "MathMLMath"));
        var text = string.Concat(nodes.Where(n => Role(n) == "StaticText").Select(n => n.GetProperty("name").GetProperty("value").GetString()));
        var variable = await page.Locator(".katex-mathml mi").First.TextContentAsync();
        Assert.False(string.IsNullOrEmpty(variable));
        Assert.Contains(variable, text);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PunctuationAfterAFormulaNeverStartsALineOfItsOwn()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1701.07875").ToString());
        await page.EvaluateAsync("() => document.fonts.ready");

        // The served "… to [-c, c]:" set in a paragraph of the summary's own style, just wide enough for a word and the
        // formula: the colon no longer fits on that line. Then the same with the formula and colon side by side as
        // they were before (version 8), which Chromium breaks between, leaving the colon alone on the next line.
        var lines = await page.EvaluateAsync<bool[]>("""
            () => {
              const served = [...document.querySelectorAll('.prose .math-tail')]
                .find(t => t.querySelector('annotation').textContent === '[-c, c]' && t.lastChild.textContent === ':');
              const sameLine = (unwrap) => {
                const p = document.createElement('p');
                const tail = served.cloneNode(true);
                p.append('weight ', tail, ' then');
                served.closest('.prose').append(p);
                if (unwrap) tail.replaceWith(...tail.childNodes);
                const katex = p.querySelector('.katex');
                p.style.width = (katex.getBoundingClientRect().right - p.getBoundingClientRect().left + 1) + 'px';
                const colon = document.createRange();
                colon.selectNodeContents(katex.nextSibling);
                colon.setEnd(katex.nextSibling, 1);
                const c = colon.getBoundingClientRect(), k = katex.querySelector('.katex-html').getBoundingClientRect();
                p.remove();
                return c.top < k.bottom && c.bottom > k.top;
              };
              return [sameLine(false), sameLine(true)];
            }
            """);
        Assert.Equal([true, false], lines);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task CitationsLinkToThePaperWithItsTitle()
    {
        var (page, errors) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1706.03762").ToString());

        var link = page.Locator(".prose .citation a[href='/papers/1409.0473']").First;
        Assert.Equal("Neural Machine Translation by Jointly Learning to Align and Translate", await link.InnerTextAsync());
        Assert.Empty(errors);
    }
}
