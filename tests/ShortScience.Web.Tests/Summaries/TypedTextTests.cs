using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShortScience.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ShortScience.Web.Tests.Summaries;

/// <summary>
/// Text typed while the editor's connection is down never reaches the server's draft; the browser keeps it and the
/// editor offers it back. The connection is cut for real: the page's socket to the Web host stops carrying what the
/// page sends, as on a train going into a tunnel.
/// </summary>
[Collection(SummariesSiteCollection.Name)]
public sealed class TypedTextTests(SiteFixture site, Browser browser)
{
    const string Saved = "Sampling grids warp the input: $x' = A_\\theta x$.";
    const string Unsent = " Typed in the tunnel: the localisation net regresses $\\theta$.";

    static async Task<ILocator> OpenEditorAsync(IPage page, string paper, SiteFixture site)
    {
        await page.GotoAsync(new Uri(site.WebUrl, $"/papers/{paper}/summarize").ToString());
        return await SummariesJourneyTests.OpenEditorAsync(page);
    }

    /// <summary>Opens the editor with its circuit's socket in the test's hands: once cut, nothing the page sends arrives.</summary>
    static async Task<(ILocator Source, Action Cut)> OpenCuttableEditorAsync(IPage page, string paper, SiteFixture site)
    {
        var cut = false;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (cut) return;
                if (frame.Binary is { } bytes) server.Send(bytes);
                else if (frame.Text is { } text) server.Send(text);
            });
        });
        return (await OpenEditorAsync(page, paper, site), () => cut = true);
    }

    async Task<string?> ServerDraftAsync(string user, string paper)
    {
        using var api = await site.ApiClientForAsync(user);
        return (await api.GetFromJsonAsync<MySummary>($"/api/v1/papers/{paper}/summaries/mine"))!.Draft?.Markdown;
    }

    [Fact]
    public async Task TextTypedWhileTheConnectionIsDownIsOfferedBackAndSavedOnceAccepted()
    {
        await site.CreateMemberAsync("tunnel1");
        var (first, firstErrors) = await browser.NewPageAsync();
        await site.SignInAsync(first, "tunnel1");
        var (source, cutConnection) = await OpenCuttableEditorAsync(first, "1506.02025", site);
        await source.FillAsync(Saved);
        await Expect(first.GetByText(new Regex("Draft saved at"))).ToBeVisibleAsync(new() { Timeout = 10_000 });

        cutConnection();
        await source.PressSequentiallyAsync(Unsent);
        await Expect(source).ToHaveValueAsync(Saved + Unsent);
        await first.CloseAsync();
        Assert.Equal(Saved, await ServerDraftAsync("tunnel1", "1506.02025")); // the server never got the rest

        // The same browser opens the editor again: the saved draft is in it, the rest is offered.
        var again = await browser.TabAsync(first.Context, firstErrors);
        var editor = await OpenEditorAsync(again, "1506.02025", site);
        await Expect(editor).ToHaveValueAsync(Saved);
        var offer = again.Locator("section.typed-here");
        await Expect(offer).ToContainTextAsync("that the server never got");
        await Expect(offer.Locator("pre")).ToHaveTextAsync(Saved + Unsent, new() { UseInnerText = false });
        var violations = (await again.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}");
        Assert.Empty(violations);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Put it back in the editor" }).ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await Expect(editor).ToHaveValueAsync(Saved + Unsent);
        await Expect(again.Locator(".preview")).ToContainTextAsync("Typed in the tunnel");
        await Expect(again.GetByText(new Regex("Draft saved at"))).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(Saved + Unsent, await ServerDraftAsync("tunnel1", "1506.02025"));

        // Now the server has it: opening again offers nothing.
        await again.ReloadAsync();
        await Expect(await SummariesJourneyTests.OpenEditorAsync(again)).ToHaveValueAsync(Saved + Unsent);
        await Expect(again.Locator("section.typed-here")).ToHaveCountAsync(0);
        Assert.Empty(firstErrors);
    }

    [Fact]
    public async Task AnOfferDiscardedIsGoneAndSigningOutForgetsEveryKeptText()
    {
        await site.CreateMemberAsync("tunnel2");
        var (first, errors) = await browser.NewPageAsync();
        await site.SignInAsync(first, "tunnel2");
        var (source, cutConnection) = await OpenCuttableEditorAsync(first, "1409.0473", site);
        cutConnection();
        await source.PressSequentiallyAsync("Never reached the server.");
        await first.CloseAsync();

        var again = await browser.TabAsync(first.Context, errors);
        await OpenEditorAsync(again, "1409.0473", site);
        var offer = again.Locator("section.typed-here");
        await Expect(offer).ToContainTextAsync("empty page");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Discard it" }).ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await again.ReloadAsync();
        var editor = await SummariesJourneyTests.OpenEditorAsync(again);
        await Expect(again.Locator("section.typed-here")).ToHaveCountAsync(0);

        // Typed again and kept; signing out forgets it, so the next person at this computer is offered nothing.
        await editor.FillAsync("Kept for a moment.");
        Assert.Equal(1, await again.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('shortscience:typed:')).length"));
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(0, await again.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('shortscience:typed:')).length"));
        Assert.Empty(errors);
    }
}
