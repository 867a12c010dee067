using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;
using ShortScience.Data.Entities;
using ShortScience.Web.Tests.Security;

namespace ShortScience.Web.Tests.Moderation;

/// <summary>
/// Running a community from the site: an admin grants and revokes the moderator role on a page (the grant shows who
/// gave it), and moderators review proposed paper edits with plain forms that need no script.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CommunityPagesTests(SiteFixture site)
{
    async Task MakeAdminAsync(string name)
    {
        await using var scope = site.Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.Admin)).Succeeded);
    }

    static async Task<string> PageAsync(FormPosts client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task AnAdminGrantsAndRevokesModeratorOnAPageThatSaysWhoGrantedIt()
    {
        await site.CreateMemberAsync("staff-admin");
        await site.CreateMemberAsync("staff-candidate");
        await MakeAdminAsync("staff-admin");
        using var admin = await FormPosts.SignedInAsync(site, "staff-admin");

        Assert.Contains("href=\"/moderation/moderators\"", await PageAsync(admin, "/moderation"), StringComparison.Ordinal);
        var granted = await admin.PostAsync("/actions/moderation/moderators/grant", new() { ["userName"] = "staff-candidate" });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal("/moderation/moderators", granted.Headers.Location!.OriginalString);

        var staff = await PageAsync(admin, "/moderation/moderators");
        Assert.Contains("staff-candidate is a moderator.", staff, StringComparison.Ordinal);
        var row = staff[staff.IndexOf("id=\"staff-staff-candidate\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("moderator", row, StringComparison.Ordinal);
        Assert.Contains("staff-admin", row, StringComparison.Ordinal); // granted by (display name = user name here)

        // The new moderator signs in and reaches the moderators' pages, but not the admins' one.
        using (var moderator = await FormPosts.SignedInAsync(site, "staff-candidate"))
        {
            Assert.Contains("Proposed paper edits", await PageAsync(moderator, "/moderation/edits"), StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/moderation/moderators\"", await PageAsync(moderator, "/moderation"), StringComparison.Ordinal);
            var denied = await moderator.GetAsync("/moderation/moderators");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/account/denied", new Uri(site.WebUrl, denied.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
            // The API refuses a moderator's grant; the page says so rather than failing.
            var refused = await moderator.PostAsync("/actions/moderation/moderators/grant", new() { ["userName"] = "staff-admin" });
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        var revoked = await admin.PostAsync("/actions/moderation/moderators/revoke", new() { ["userName"] = "staff-candidate" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var after = await PageAsync(admin, "/moderation/moderators");
        Assert.Contains("staff-candidate no longer moderates.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"staff-staff-candidate\"", after, StringComparison.Ordinal);
        var log = await PageAsync(admin, "/moderation?tab=log");
        Assert.Contains("grant-moderator", log, StringComparison.Ordinal);
        Assert.Contains("revoke-moderator", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeratorsApplyAndRejectProposedEditsWithPlainForms()
    {
        await site.CreateMemberAsync("edit-proposer");
        await site.CreateMemberAsync("edit-reviewer");
        await site.MakeModeratorAsync("edit-reviewer");
        using var proposer = await site.ApiClientForAsync("edit-proposer");
        var added = await proposer.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: new ManualPaper(
            "A paper whose title needs fixing", ["Ada Lovelace"], Year: 2020)));
        added.EnsureSuccessStatusCode();
        var key = (await added.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        async Task<long> ProposeAsync(PaperChanges changes, string note)
        {
            var proposed = await proposer.PostAsJsonAsync($"/api/v1/papers/{key}/edits", new PaperEditRequest(changes, note));
            proposed.EnsureSuccessStatusCode();
            return (await proposed.Content.ReadFromJsonAsync<PaperEditView>())!.Id;
        }
        var good = await ProposeAsync(new PaperChanges(Title: "A paper whose title is fixed"), "typo in the title");
        var bad = await ProposeAsync(new PaperChanges(Year: 1999), "wrong year on purpose");

        using var reviewer = await FormPosts.SignedInAsync(site, "edit-reviewer");
        Assert.Contains("href=\"/moderation/edits\"", await PageAsync(reviewer, "/moderation"), StringComparison.Ordinal);
        var queue = await PageAsync(reviewer, "/moderation/edits");
        Assert.Contains($"id=\"edit-{good}\"", queue, StringComparison.Ordinal);
        Assert.Contains("A paper whose title needs fixing", queue, StringComparison.Ordinal); // what it says now
        Assert.Contains("A paper whose title is fixed", queue, StringComparison.Ordinal);   // what is proposed
        Assert.Contains("typo in the title", queue, StringComparison.Ordinal);
        Assert.Contains($"action=\"/actions/moderation/edits/{good}/apply\"", queue, StringComparison.Ordinal);

        var applied = await reviewer.PostAsync($"/actions/moderation/edits/{good}/apply", new() { ["reason"] = "checked against the PDF" });
        Assert.Equal("/moderation/edits", applied.Headers.Location!.OriginalString);
        var rejected = await reviewer.PostAsync($"/actions/moderation/edits/{bad}/reject", new() { ["reason"] = "" });
        Assert.Equal("/moderation/edits", rejected.Headers.Location!.OriginalString);

        var paper = await proposer.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}");
        Assert.Equal("A paper whose title is fixed", paper!.Title);
        Assert.Equal(2020, paper.Year);
        var waiting = await PageAsync(reviewer, "/moderation/edits");
        Assert.Contains("Edit rejected.", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"edit-{good}\"", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"edit-{bad}\"", waiting, StringComparison.Ordinal);
        Assert.Contains($"id=\"edit-{good}\"", await PageAsync(reviewer, "/moderation/edits?status=applied"), StringComparison.Ordinal);
        Assert.Contains($"id=\"edit-{bad}\"", await PageAsync(reviewer, "/moderation/edits?status=rejected"), StringComparison.Ordinal);

        // Reviewing twice is refused by the API and said on the page, not a failure.
        var again = await reviewer.PostAsync($"/actions/moderation/edits/{good}/reject", new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already applied", await PageAsync(reviewer, "/moderation/edits"), StringComparison.Ordinal);

        // A member who is not a moderator is sent to the "denied" page.
        using var member = await FormPosts.SignedInAsync(site, "edit-proposer");
        var denied = await member.GetAsync("/moderation/edits");
        Assert.StartsWith("/account/denied", new Uri(site.WebUrl, denied.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }
}
