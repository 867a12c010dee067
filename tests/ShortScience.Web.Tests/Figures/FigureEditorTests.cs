using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Figures;

[Collection(SummariesSiteCollection.Name)]
public sealed class FigureEditorTests(SiteFixture site, Browser browser)
{
    /// <summary>Pastes files into the editor the way a browser does for a screenshot from the clipboard.</summary>
    const string PasteFile = """
        ([b64, name, type]) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type }));
          const source = document.getElementById('summary-source');
          source.focus();
          source.setSelectionRange(source.value.length, source.value.length);
          source.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """;

    const string PasteText = """
        (text) => {
          const data = new DataTransfer();
          data.setData('text/plain', text);
          const source = document.getElementById('summary-source');
          source.focus();
          source.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """;

    /// <summary>Waits until the image has loaded (or failed) and says whether the browser could decode it.</summary>
    static async Task AssertLoadedAsync(ILocator image)
    {
        await image.ScrollIntoViewIfNeededAsync();
        Assert.True(await image.EvaluateAsync<bool>("""
            img => img.complete ? img.naturalWidth > 0 : new Promise(resolve => {
              img.addEventListener('load', () => resolve(img.naturalWidth > 0));
              img.addEventListener('error', () => resolve(false));
            })
            """), "the figure did not load");
    }

    [Fact]
    public async Task APastedScreenshotShowsInThePreviewAndOnThePublishedPagesAlsoAtPhoneWidth()
    {
        await site.CreateMemberAsync("figurist");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "figurist");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1611.03530/summarize").ToString());
        await Expect(page.Locator(".editor[data-ready]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var source = page.GetByLabel("Markdown and LaTeX");
        await source.FillAsync("Networks memorize random labels:\n\n");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("Training accuracy on random labels");

        // A real screenshot (of this very page), pasted as the clipboard gives it.
        var screenshot = await page.ScreenshotAsync(new() { Type = ScreenshotType.Png });
        await page.EvaluateAsync(PasteFile, new object[] { Convert.ToBase64String(screenshot), "image.png", "image/png" });

        await Expect(source).ToHaveValueAsync(new Regex(@"!\[Training accuracy on random labels\]\(/figures/[0-9a-f]{32}\.webp\)"), new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-figure-status]")).ToContainTextAsync("Figure added");
        var previewed = page.Locator(".preview img");
        await Expect(previewed).ToHaveAttributeAsync("src", new Regex(@"^/figures/[0-9a-f]{32}-column\.webp$"));
        await Expect(previewed).ToHaveAttributeAsync("alt", "Training accuracy on random labels");
        await AssertLoadedAsync(previewed);

        // An image written into pasted text is not kept, and the writer is told why.
        var before = await source.InputValueAsync();
        await page.EvaluateAsync(PasteText, "![x](data:image/png;base64,iVBORw0KGgo=)");
        await Expect(page.Locator("[data-figure-status]")).ToContainTextAsync("data:");
        await Expect(source).ToHaveValueAsync(before);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish summary" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/papers/1611\.03530/summaries/\d+$"));
        var published = page.Locator(".prose img[alt='Training accuracy on random labels']");
        await Expect(published).ToHaveAttributeAsync("srcset", new Regex(@"-column\.webp 1x, /figures/[0-9a-f]{32}\.webp 2x"));
        await AssertLoadedAsync(published);

        // The paper page lists summaries as text excerpts; the figure is on the summary's own page under the paper.
        // At phone width it fits the screen.
        var onPaper = page.Locator(".prose img[alt='Training accuracy on random labels']").First;
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(onPaper).ToBeVisibleAsync();
        var box = await onPaper.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"figure spans {box.X}..{box.X + box.Width} on a 390 px screen");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ARefusedFileIsExplained()
    {
        await site.CreateMemberAsync("figrefused");
        var (page, errors) = await browser.NewPageAsync();
        await site.SignInAsync(page, "figrefused");
        await page.GotoAsync(new Uri(site.WebUrl, "/papers/1611.03530/summarize").ToString());
        await Expect(page.Locator(".editor[data-ready]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        // Declared as a PNG, so the editor sends it and the server's check is what refuses it.
        await page.EvaluateAsync(PasteFile, new object[] { Convert.ToBase64String(svg), "innocent.png", "image/png" });
        await Expect(page.Locator("[data-figure-status]")).ToContainTextAsync("not added", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-figure-status]")).ToContainTextAsync("PNG, JPEG, GIF or WebP");
        Assert.DoesNotContain("/figures/", await page.GetByLabel("Markdown and LaTeX").InputValueAsync());
        // The refusal is a 415 the page shows, not a script error.
        Assert.All(errors, e => Assert.Contains("415", e));
    }
}
