using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Accounts;
using ShortScience.Api.Operations;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Operations;

public sealed class ExportAndDeletionTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<long> PublishAsync(HttpClient client, string key, string text, bool anonymous = false)
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, key, $"Paper {key}"));
        var response = await client.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(text, null, anonymous, null));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
    }

    [Fact]
    public async Task ThePublicExportHasEveryPublishedSummaryAsMarkdownAndNothingHidden()
    {
        var writer = await app.MemberAsync("x-writer");
        await PublishAsync(writer, "x-public", "Public *text*");
        await PublishAsync(writer, "x-anon", "Quiet text", anonymous: true);
        var hidden = await PublishAsync(writer, "x-hidden", "Hidden text");
        var moderator = await app.ModeratorAsync("x-mod");
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{hidden}/hide", new ModerationRequest("test"))).EnsureSuccessStatusCode();
        var folder = Directory.CreateTempSubdirectory("shortscience-export-").FullName;

        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PublicExport>().WriteAsync(folder);
            }
            var files = Directory.GetFiles(Path.Combine(folder, "summaries"), "*.md", SearchOption.AllDirectories);
            var texts = files.Select(File.ReadAllText).ToList();
            Assert.Contains(texts, t => t.Contains("Public *text*") && t.Contains("author: x-writer"));
            Assert.Contains(texts, t => t.Contains("Quiet text") && t.Contains("author: anonymous") && !t.Contains("x-writer"));
            Assert.DoesNotContain(texts, t => t.Contains("Hidden text"));
            Assert.Contains("x-public", await File.ReadAllTextAsync(Path.Combine(folder, "papers.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DownloadMyDataGivesAZipOfEverythingAboutThePerson()
    {
        var me = await app.MemberAsync("x-downloader");
        await PublishAsync(me, "x-mine", "My own words");

        var response = await me.GetAsync("/api/v1/me/export");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.FullName == "profile.json");
        using var reader = new StreamReader(zip.GetEntry("summaries/x-mine/revision-1.md")!.Open());
        Assert.Equal("My own words", await reader.ReadToEndAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/export")).StatusCode);
    }

    [Fact]
    public async Task DeletingAnAccountKeepingSummariesLeavesThemAnonymousAndRemovesThePerson()
    {
        var leaver = await app.MemberAsync("x-leaver");
        var fan = await app.MemberAsync("x-fan");
        var kept = await PublishAsync(leaver, "x-kept", "Worth keeping");
        var other = await PublishAsync(fan, "x-other", "Fan's summary");
        (await leaver.PutAsJsonAsync($"/api/v1/votes/summaries/{other}", new VoteRequest(1))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.BadRequest, (await leaver.PostAsJsonAsync("/api/v1/me/delete", new DeleteAccountRequest("wrong", true))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leaver.PostAsJsonAsync("/api/v1/me/delete", new DeleteAccountRequest(TestAccounts.Password, true))).StatusCode);

        var paper = await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/x-kept");
        var summary = Assert.Single(paper!.Summaries);
        Assert.Equal((kept, null), (summary.Id, summary.Author));
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/x-other"))!.Summaries[0].Score);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("x-leaver", TestAccounts.Password))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "x-leaver@example.org")));
    }

    [Fact]
    public async Task DeletingAnAccountWithoutKeepingSummariesRemovesThem()
    {
        var leaver = await app.MemberAsync("x-eraser");
        await PublishAsync(leaver, "x-erased", "Gone soon");

        (await leaver.PostAsJsonAsync("/api/v1/me/delete", new DeleteAccountRequest(TestAccounts.Password, false))).EnsureSuccessStatusCode();

        Assert.Empty((await app.CreateClient().GetFromJsonAsync<PaperDetail>("/api/v1/papers/x-erased"))!.Summaries);
        Assert.False(await app.WithDbAsync(db => db.SummaryRevisions.AnyAsync(r => r.Markdown == "Gone soon")));
    }
}
