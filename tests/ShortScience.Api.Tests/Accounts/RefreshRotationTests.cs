using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

/// <summary>
/// Refresh tokens rotate: each refresh hands out a new one and uses the old one up. The old one still gets a pair for
/// a few seconds (two requests of one browser refreshing at once), and after that presenting it again is taken for a
/// replay: the whole session ends, its access tokens included.
/// </summary>
public sealed class RefreshRotationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    Task<HttpResponseMessage> RefreshAsync(string token) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(token));

    async Task<TokenResponse> RefreshedAsync(string token)
    {
        var response = await RefreshAsync(token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    [Fact]
    public async Task EachRefreshGivesANewRefreshTokenInTheSameShape()
    {
        await app.ManyMembersAsync("rr-shape", 1);
        var first = await app.LoginAsync("rr-shape0");

        var second = await RefreshedAsync(first.RefreshToken);
        var third = await RefreshedAsync(second.RefreshToken);

        Assert.Equal("Bearer", second.TokenType);
        Assert.True(second.ExpiresIn > 0);
        Assert.Equal(3, new[] { first.RefreshToken, second.RefreshToken, third.RefreshToken }.Distinct().Count());
        Assert.Equal("rr-shape0", (await app.ClientWith(third.AccessToken).GetFromJsonAsync<Me>("/api/v1/me"))!.UserName);
    }

    [Fact]
    public async Task AnOldRefreshTokenPresentedAgainEndsTheWholeSession()
    {
        await app.ManyMembersAsync("rr-replay", 1);
        var stolen = await app.LoginAsync("rr-replay0");
        var owner = await RefreshedAsync(stolen.RefreshToken);
        owner = await RefreshedAsync(owner.RefreshToken);

        var replay = await RefreshAsync(stolen.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(owner.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(owner.RefreshToken)).StatusCode);
        // Other sessions of the same person (another device) go on.
        Assert.NotNull(await app.LoginAsync("rr-replay0"));
    }

    [Fact]
    public async Task TheTokenJustTradedIsTakenForAReplayOnceItsGraceIsOver()
    {
        await app.ManyMembersAsync("rr-late", 1);
        var first = await app.LoginAsync("rr-late0");
        var second = await RefreshedAsync(first.RefreshToken);
        await app.WithDbAsync(db => db.UserSessions.Where(s => s.User.UserName == "rr-late0")
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshedAt, x => x.RefreshedAt!.Value.AddMinutes(-1))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(second.AccessToken).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task TwoRequestsOfOneBrowserRefreshingWithTheSameTokenAtOnceBothGoOn()
    {
        await app.ManyMembersAsync("rr-race", 1);
        var tokens = await app.LoginAsync("rr-race0");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RefreshAsync(tokens.RefreshToken)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var pairs = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<TokenResponse>()));
        // Whichever pair the browser kept works, and refreshes once more.
        foreach (var pair in pairs) Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(pair!.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.NotNull(await RefreshedAsync(pairs[^1]!.RefreshToken));
    }

    [Fact]
    public async Task SigningOutStillEndsRefreshing()
    {
        await app.ManyMembersAsync("rr-out", 1);
        var tokens = await RefreshedAsync((await app.LoginAsync("rr-out0")).RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientWith(tokens.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.RefreshToken)).StatusCode);
    }
}
