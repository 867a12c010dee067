using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Operations;
using Microsoft.Extensions.Logging.Abstractions;
using ShortScience.Api.Tests.Security;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Moderation;

/// <summary>
/// A ban outranks every role: a banned moderator moderates nothing. Nobody lifts (or imposes) their own ban, and only
/// an admin bans or unbans a moderator or an admin.
/// </summary>
public sealed class BanRulesTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<HttpClient> AdminAsync(string name)
    {
        var client = await app.MemberAsync(name);
        await Commands.MakeAdminAsync(app.Services, name, NullLogger.Instance);
        return client;
    }

    [Fact]
    public async Task ABannedModeratorIsRefusedByEveryModerationRouteIncludingTheirOwnUnban()
    {
        var admin = await AdminAsync("br-admin");
        var fallen = await app.ModeratorAsync("br-fallen");
        await app.WithDbAsync(db => TestData.PaperAsync(db, "br-paper", "Ban rules paper"));
        var author = await app.MemberAsync("br-author");
        var id = (await (await author.PutAsJsonAsync("/api/v1/papers/br-paper/summaries/mine", new PublishRequest("Text", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
        Assert.Equal(HttpStatusCode.OK, (await fallen.GetAsync("/api/v1/moderation/flags")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/moderation/users/br-fallen/ban", new BanRequest("Abused the tools"))).StatusCode);

        // Every route only moderators (or admins) may call, from the same table the authorization matrix uses.
        var routes = AccessRules.Routes.Where(r => r.Value is Access.Moderator or Access.Admin).Select(r => r.Key).ToList();
        Assert.True(routes.Count > 15, string.Join(", ", routes));
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            var path = route[(space + 1)..]
                .Replace("{id:long}", id.ToString(), StringComparison.Ordinal).Replace("{targetType}", "summary", StringComparison.Ordinal)
                .Replace("{targetId}", id.ToString(), StringComparison.Ordinal).Replace("{name}", "br-fallen", StringComparison.Ordinal)
                .Replace("{key}", "br-paper", StringComparison.Ordinal).Replace("{slug}", "nowhere", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(route[..space]), path);
            if (route[..space] is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { reason = "mine now" });
            var status = (await fallen.SendAsync(request)).StatusCode;
            if (status != HttpStatusCode.Forbidden) failures.Add($"{route}: {(int)status}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "br-fallen").Select(u => u.BannedAt).SingleAsync()));
        Assert.Equal(SummaryStatus.Published, await app.WithDbAsync(db => db.Summaries.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task OnlyAnAdminBansOrUnbansAModeratorOrAnAdmin()
    {
        var admin = await AdminAsync("br-boss");
        await AdminAsync("br-boss2");
        var moderator = await app.ModeratorAsync("br-mod");
        await app.ModeratorAsync("br-peer");
        await app.MemberAsync("br-member");

        var peer = await moderator.PostAsJsonAsync("/api/v1/moderation/users/br-peer/ban", new BanRequest("rivalry"));
        Assert.Equal(HttpStatusCode.Forbidden, peer.StatusCode);
        Assert.Equal("application/problem+json", peer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsJsonAsync("/api/v1/moderation/users/br-boss/ban", new BanRequest("coup"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync("/api/v1/moderation/users/br-member/ban", new BanRequest("spam"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/moderation/users/br-peer/ban", new BanRequest("abuse"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync("/api/v1/moderation/users/br-peer/unban", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/moderation/users/br-peer/unban", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/moderation/users/br-boss2/ban", new BanRequest("compromised"))).StatusCode);

        string[] targets = ["br-member", "br-peer", "br-boss", "br-boss2"];
        var log = await app.WithDbAsync(db => db.ModerationActions.Where(a => a.TargetType == "user" && targets.Contains(a.TargetId) && a.Action.EndsWith("ban"))
            .OrderBy(a => a.Id).Select(a => a.Action + " " + a.TargetId).ToListAsync());
        Assert.Equal(["ban br-member", "ban br-peer", "unban br-peer", "ban br-boss2"], log);
    }

    [Fact]
    public async Task NobodyBansOrUnbansThemselves()
    {
        var admin = await AdminAsync("br-self-admin");
        var moderator = await app.ModeratorAsync("br-self-mod");

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsJsonAsync("/api/v1/moderation/users/br-self-mod/ban", new BanRequest("oops"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/v1/moderation/users/BR-SELF-ADMIN/ban", new BanRequest("oops"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/moderation/users/br-self-admin/unban", null)).StatusCode);

        // Banned by another admin, an admin cannot lift it either: the ban takes the admin's powers too.
        var other = await AdminAsync("br-self-other");
        (await other.PostAsJsonAsync("/api/v1/moderation/users/br-self-admin/ban", new BanRequest("compromised"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/moderation/users/br-self-admin/unban", null)).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<Me>("/api/v1/me"))!.Banned);
    }
}
