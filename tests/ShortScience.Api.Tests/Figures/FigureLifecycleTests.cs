using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Accounts;
using ShortScience.Api.Figures;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Figures;

public sealed class FigureLifecycleTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static string HashOf(FigureUploaded figure) => figure.Url["/figures/".Length..^".webp".Length];

    static async Task<FigureUploaded> UploadAsync(HttpClient client, byte[] file)
    {
        var response = await client.PostAsync("/api/v1/figures", TestImages.Form(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FigureUploaded>())!;
    }

    [Fact]
    public async Task TheOwnersExportListsTheirFigures()
    {
        var member = await app.MemberAsync("fig-export");
        var figure = await UploadAsync(member, TestImages.Png(90, 60, seed: 50));

        using var zip = new ZipArchive(await member.GetStreamAsync("/api/v1/me/export"));
        using var reader = new StreamReader(zip.GetEntry("figures.json")!.Open());
        var listed = await reader.ReadToEndAsync();
        Assert.Contains(figure.Url, listed);
        Assert.Contains("\"width\": 90", listed);
    }

    [Fact]
    public async Task DeletingAnAccountRemovesTheFiguresNoRemainingSummaryUses()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "fig-life", "Paper with figures"));
        var member = await app.MemberAsync("fig-leaver");
        var kept = await UploadAsync(member, TestImages.Png(80, 80, seed: 51));
        var unused = await UploadAsync(member, TestImages.Png(80, 80, seed: 52));
        var quoted = await UploadAsync(member, TestImages.Png(80, 80, seed: 53));
        // Their summary (kept, anonymously) shows one; someone else's summary quotes another.
        Assert.True((await member.PutAsJsonAsync("/api/v1/papers/fig-life/summaries/mine",
            new PublishRequest($"Results: ![curve]({kept.Url})", null, false, null))).IsSuccessStatusCode);
        var other = await app.MemberAsync("fig-stayer");
        Assert.True((await other.PutAsJsonAsync("/api/v1/papers/fig-life/summaries/mine",
            new PublishRequest($"As shown in ![their figure]({quoted.Url})", null, false, null))).IsSuccessStatusCode);

        var deleted = await member.PostAsJsonAsync("/api/v1/me/delete", new DeleteAccountRequest(TestAccounts.Password, KeepSummaries: true));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(kept.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(quoted.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(unused.Url)).StatusCode);
        var owners = await app.WithDbAsync(db => db.Figures.Where(f => f.Hash == HashOf(kept) || f.Hash == HashOf(quoted)).Select(f => f.OwnerId).ToListAsync());
        Assert.All(owners, Assert.Null);
    }

    [Fact]
    public async Task OrphanedUploadsOlderThanADayAreCleanedUp()
    {
        await app.WithDbAsync(db => TestData.PaperAsync(db, "fig-orphan", "Paper for orphans"));
        var member = await app.MemberAsync("fig-orphans");
        var old = await UploadAsync(member, TestImages.Png(70, 70, seed: 60));
        var recent = await UploadAsync(member, TestImages.Png(70, 70, seed: 61));
        var inDraft = await UploadAsync(member, TestImages.Png(70, 70, seed: 62));
        Assert.True((await member.PutAsJsonAsync("/api/v1/papers/fig-orphan/summaries/mine/draft",
            new SaveDraftRequest($"Work in progress ![x]({inDraft.Url})", null, false))).IsSuccessStatusCode);
        var twoDaysAgo = DateTimeOffset.UtcNow.AddDays(-2);
        await app.WithDbAsync(db => db.Figures.Where(f => f.Hash == HashOf(old) || f.Hash == HashOf(inDraft))
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.CreatedAt, twoDaysAgo)));

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<FigureLibrary>().RemoveOrphansAsync(CancellationToken.None));

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(old.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(recent.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(inDraft.Url)).StatusCode);
    }

    [Fact]
    public async Task OldFiguresStillInUseDoNotKeepALaterOrphanFromBeingRemoved()
    {
        // More figures in use than one page of candidates, all older than the orphan.
        var used = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var orphan = Guid.NewGuid().ToString("N");
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3);
        var twoDaysAgo = DateTimeOffset.UtcNow.AddDays(-2);
        await app.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "fig-many", "Paper with many figures");
            var writer = await TestData.UserAsync(db, "fig-many-writer");
            await TestData.SummaryAsync(db, paper, writer, string.Join("\n", used.Select(h => $"![figure]({FigureLinks.Url(h)})")));
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO figures (hash, variant, content_type, width, height, length, owner_id, created_at)
                SELECT u.h, {FigureLinks.Original}, 'image/webp', 1, 1, 1, NULL, {threeDaysAgo} + u.n * interval '1 second'
                FROM unnest({used.ToArray()}) WITH ORDINALITY AS u(h, n)
                """);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO figures (hash, variant, content_type, width, height, length, owner_id, created_at)
                VALUES ({orphan}, {FigureLinks.Original}, 'image/webp', 1, 1, 1, NULL, {twoDaysAgo})
                """);
        });

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FigureLibrary>().RemoveOrphansAsync(CancellationToken.None);

        var left = await app.WithDbAsync(db => db.Figures.Where(f => used.Contains(f.Hash) || f.Hash == orphan).Select(f => f.Hash).ToListAsync());
        Assert.DoesNotContain(orphan, left);
        Assert.Equal(used.Count, left.Count);
    }
}
