using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Figures;

/// <summary>A host with a small per-member quota, a low upload rate and figures kept as files.</summary>
public sealed class FigureLimitsTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;
    readonly string _folder = Path.Combine(Path.GetTempPath(), "shortscience-figures-test");

    public FigureLimitsTests(ApiFactory app)
    {
        _app = app;
        app.Settings["Figures:QuotaBytesPerMember"] = "100000";
        app.Settings["RateLimits:figures:PermitLimit"] = "4";
        app.Settings["Figures:Store"] = "FileSystem";
        app.Settings["Figures:FileSystemPath"] = _folder;
    }

    [Fact]
    public async Task AMemberOverTheirQuotaIsRefusedWith413()
    {
        var member = await _app.MemberAsync("fig-quota");
        // Noise does not compress: each of these is tens of kilobytes as lossless WebP.
        var first = await member.PostAsync("/api/v1/figures", TestImages.Form(Noise(150, 150, 1)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var over = await member.PostAsync("/api/v1/figures", TestImages.Form(Noise(150, 150, 2)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("quota", await over.Content.ReadAsStringAsync());

        // Someone else's quota is their own.
        Assert.Equal(HttpStatusCode.Created, (await (await _app.MemberAsync("fig-quota-other")).PostAsync("/api/v1/figures", TestImages.Form(Noise(150, 150, 2)))).StatusCode);
    }

    /// <summary>Uploads sent at once are counted one after the other: together they cannot pass the quota.</summary>
    [Fact]
    public async Task UploadsAtOnceCannotTogetherPassTheQuota()
    {
        var member = await _app.MemberAsync("fig-quota-race");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
            (await member.PostAsync("/api/v1/figures", TestImages.Form(Noise(150, 150, 10 + i)))).StatusCode));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.RequestEntityTooLarge));
        var used = await _app.WithDbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "fig-quota-race").Select(u => u.Id).SingleAsync();
            return await db.Figures.Where(f => f.OwnerId == owner).SumAsync(f => f.Length);
        });
        Assert.True(used <= 100_000, $"{used} bytes stored against a quota of 100,000");
    }

    [Fact]
    public async Task UploadsTooFastAreRefusedWith429()
    {
        var member = await _app.MemberAsync("fig-rate");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await member.PostAsync("/api/v1/figures", TestImages.Form(TestImages.Png(20, 20, seed: 40 + i)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheFileSystemStoreKeepsAndServesFigures()
    {
        var member = await _app.MemberAsync("fig-files");
        var response = await member.PostAsync("/api/v1/figures", TestImages.Form(TestImages.Png(1600, 400, seed: 30)));
        var figure = (await response.Content.ReadFromJsonAsync<FigureUploaded>())!;
        var hash = figure.Url["/figures/".Length..^".webp".Length];

        Assert.True(File.Exists(Path.Combine(_folder, hash[..2], $"{hash}.original.webp")));
        Assert.True(File.Exists(Path.Combine(_folder, hash[..2], $"{hash}.column.webp")));
        Assert.Equal(0, await _app.WithDbAsync(db => db.FigureBlobs.CountAsync()));
        var served = await _app.CreateClient().GetByteArrayAsync(figure.Url);
        Assert.Equal(figure.Bytes, served.Length);
    }

    static byte[] Noise(int width, int height, int seed)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            bitmap.SetPixel(x, y, new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        return TestImages.Encode(bitmap, SkiaSharp.SKEncodedImageFormat.Png);
    }
}
