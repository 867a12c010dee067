using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Papers;

/// <summary>
/// GET /api/v1/me/papers/{key}: where the signed-in reader stands with a paper, in one answer for its page's
/// buttons; it always agrees with the follow and reading-list answers it replaces.
/// </summary>
public sealed class MyPaperApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task FollowsAndTheReadingListShowForTheReaderAndNobodyElse()
    {
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "MPV", "My Paper Venue");
            await TestData.PaperAsync(db, "mp-paper", "A Paper To Stand With", venue, 2021);
            await TestData.PaperAsync(db, "mp-no-venue", "A Paper Without Venue", null, 2021);
            var hidden = await TestData.PaperAsync(db, "mp-hidden", "A Hidden Paper", venue, 2021);
            hidden.Status = ContentStatus.Hidden;
            await db.SaveChangesAsync();
        });
        var me = await app.MemberAsync("mp-reader");
        var other = await app.MemberAsync("mp-other");

        async Task<MyPaperState> StateAsync(HttpClient client, string key) => (await client.GetFromJsonAsync<MyPaperState>($"/api/v1/me/papers/{key}"))!;
        Assert.Equal(new MyPaperState(false, false, false), await StateAsync(me, "mp-paper"));

        (await me.PutAsync("/api/v1/me/follows/paper/mp-paper", null)).EnsureSuccessStatusCode();
        Assert.Equal(new MyPaperState(true, false, false), await StateAsync(me, "mp-paper"));
        (await me.PutAsync("/api/v1/me/follows/venue/mpv", null)).EnsureSuccessStatusCode();
        (await me.PutAsync("/api/v1/me/reading-list/mp-paper", null)).EnsureSuccessStatusCode();
        Assert.Equal(new MyPaperState(true, true, true), await StateAsync(me, "mp-paper"));
        // Someone else's follows and list are not theirs.
        Assert.Equal(new MyPaperState(false, false, false), await StateAsync(other, "mp-paper"));
        // The venue followed shows on every paper of it, and a paper without one follows no venue.
        Assert.Equal(new MyPaperState(false, false, false), await StateAsync(me, "mp-no-venue"));

        (await me.DeleteAsync("/api/v1/me/follows/paper/mp-paper")).EnsureSuccessStatusCode();
        (await me.DeleteAsync("/api/v1/me/reading-list/mp-paper")).EnsureSuccessStatusCode();
        Assert.Equal(new MyPaperState(false, true, false), await StateAsync(me, "mp-paper"));

        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync("/api/v1/me/papers/mp-hidden")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync("/api/v1/me/papers/mp-unknown")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/papers/mp-paper")).StatusCode);
    }
}
