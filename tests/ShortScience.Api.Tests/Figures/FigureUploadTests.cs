using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using SkiaSharp;

namespace ShortScience.Api.Tests.Figures;

public sealed class FigureUploadTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static async Task<FigureUploaded> UploadAsync(HttpClient client, byte[] file, string name = "figure.png", string type = "image/png")
    {
        var response = await client.PostAsync("/api/v1/figures", TestImages.Form(file, name, type));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FigureUploaded>())!;
    }

    static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    static SKBitmap DecodeWebp(byte[] bytes)
    {
        Assert.True(bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8), "served bytes are WebP");
        return SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException("served bytes do not decode");
    }

    [Fact]
    public async Task PngJpegGifAndWebpAreTakenReEncodedAndServedAsImmutableImages()
    {
        var member = await app.MemberAsync("fig-kinds");
        var files = new (byte[] File, string Name, string Type, int Width, int Height)[]
        {
            (TestImages.Png(320, 200, seed: 1), "a.png", "image/png", 320, 200),
            (TestImages.Jpeg(300, 180, seed: 2), "b.jpg", "image/jpeg", 300, 180),
            (TestImages.Gif(), "c.gif", "image/gif", 1, 1),
            (TestImages.Webp(240, 160, seed: 3), "d.webp", "image/webp", 240, 160),
            // The declared name and type do not matter, the content does: a JPEG called .gif is a JPEG.
            (TestImages.Jpeg(200, 100, seed: 4), "e.gif", "application/octet-stream", 200, 100),
        };
        foreach (var (file, name, type, width, height) in files)
        {
            var figure = await UploadAsync(member, file, name, type);
            Assert.Matches("^/figures/[0-9a-f]{32}\\.webp$", figure.Url);
            Assert.Equal((width, height), (figure.Width, figure.Height));

            var anonymous = app.CreateClient();
            var served = await anonymous.GetAsync(figure.Url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.Equal(figure.Bytes, bytes.Length);
            using var decoded = DecodeWebp(bytes);
            Assert.Equal((width, height), (decoded.Width, decoded.Height));

            // A reader that has it gets 304 without the bytes.
            var etag = served.Headers.ETag!;
            using var again = new HttpRequestMessage(HttpMethod.Get, figure.Url);
            again.Headers.IfNoneMatch.Add(etag);
            var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task AWideImageAlsoGetsAReadingColumnWidth()
    {
        var member = await app.MemberAsync("fig-wide");
        var figure = await UploadAsync(member, TestImages.Png(2800, 1000, seed: 5));
        Assert.Equal((2800, 1000), (figure.Width, figure.Height));

        var column = await app.CreateClient().GetByteArrayAsync(figure.Url.Replace(".webp", "-column.webp"));
        using var decoded = DecodeWebp(column);
        Assert.Equal((1400, 500), (decoded.Width, decoded.Height));

        // A narrow image has no separate column size: its column address serves the original.
        var narrow = await UploadAsync(member, TestImages.Png(400, 300, seed: 6));
        var served = await app.CreateClient().GetByteArrayAsync(narrow.Url.Replace(".webp", "-column.webp"));
        Assert.Equal(narrow.Bytes, served.Length);
    }

    [Fact]
    public async Task ExifGpsIsGoneFromTheStoredImage()
    {
        var member = await app.MemberAsync("fig-gps");
        var photo = TestImages.JpegWithGps();
        Assert.True(photo.AsSpan().IndexOf("Exif\0\0"u8) > 0, "the test photo carries EXIF");
        using (var codec = SKCodec.Create(new SKMemoryStream(photo))) Assert.NotNull(codec); // and is a valid JPEG

        var figure = await UploadAsync(member, photo, "holiday.jpg", "image/jpeg");
        var stored = await app.CreateClient().GetByteArrayAsync(figure.Url);
        Assert.Equal(-1, stored.AsSpan().IndexOf("Exif"u8));
        Assert.Equal(-1, stored.AsSpan().IndexOf("EXIF"u8));
        Assert.Equal(-1, stored.AsSpan().IndexOf("II*\0"u8));
        using var decoded = DecodeWebp(stored);
        Assert.Equal((300, 200), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task TheSameImageTwiceIsStoredOnce()
    {
        var first = await app.MemberAsync("fig-same-1");
        var second = await app.MemberAsync("fig-same-2");
        var png = TestImages.Png(500, 300, seed: 9);

        var a = await UploadAsync(first, png);
        var b = await UploadAsync(first, png, "again.png");
        var c = await UploadAsync(second, png, "mine.png");

        Assert.Equal(a, b);
        Assert.Equal(a, c);
        var hash = a.Url["/figures/".Length..^".webp".Length];
        Assert.Equal(1, await app.WithDbAsync(db => db.Figures.CountAsync(f => f.Hash == hash)));
        Assert.Equal(1, await app.WithDbAsync(db => db.FigureBlobs.CountAsync(f => f.Hash == hash)));
    }

    public static TheoryData<string, byte[], string, string, int> Hostile()
    {
        var png = TestImages.Png(200, 120, seed: 11);
        var svg = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>""");
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
        return new()
        {
            { "svg", svg, "figure.svg", "image/svg+xml", 415 },
            { "svg renamed .png", svg, "figure.png", "image/png", 415 },
            { "html renamed .png", html, "figure.png", "image/png", 415 },
            { "png with html appended (polyglot)", [.. png, .. Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")], "figure.png", "image/png", 415 },
            { "html with a png after it", [.. html, .. png], "figure.png", "image/png", 415 },
            { "bmp", TestImages.Bmp(), "figure.bmp", "image/bmp", 415 },
            { "plain text", "hello"u8.ToArray(), "figure.png", "image/png", 415 },
            { "truncated png", png[..(png.Length / 2)], "figure.png", "image/png", 422 },
            { "png signature only", png[..8], "figure.png", "image/png", 422 },
            { "truncated jpeg", TestImages.Jpeg(400, 300, seed: 12)[..600], "figure.jpg", "image/jpeg", 422 },
            { "decompression bomb 30000x30000", TestImages.PngDeclaring(30000, 30000), "bomb.png", "image/png", 422 },
            { "too wide for webp", TestImages.PngDeclaring(20000, 10), "wide.png", "image/png", 422 },
            { "empty", [], "empty.png", "image/png", 422 },
        };
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task WhatIsNotAPlainImageIsRefusedWithProblemDetails(string what, byte[] file, string name, string type, int status)
    {
        var member = await app.MemberAsync($"fig-bad-{Math.Abs(what.GetHashCode()) % 100000}");
        var before = await app.WithDbAsync(db => db.Figures.CountAsync());
        await AssertRefusedAsync(await member.PostAsync("/api/v1/figures", TestImages.Form(file, name, type)), (HttpStatusCode)status);
        Assert.Equal(before, await app.WithDbAsync(db => db.Figures.CountAsync()));
    }

    [Fact]
    public async Task ThirtyMegabytesAreRefusedBeforeTheBodyIsRead()
    {
        var member = await app.MemberAsync("fig-huge");
        var huge = new byte[30 * 1024 * 1024];
        TestImages.Png().CopyTo(huge, 0);
        await AssertRefusedAsync(await member.PostAsync("/api/v1/figures", TestImages.Form(huge)), HttpStatusCode.RequestEntityTooLarge);

        // Without a declared length (chunked), the limit holds while reading.
        var chunked = TestImages.Form(huge);
        await chunked.LoadIntoBufferAsync();
        using var stream = new StreamContent(await chunked.ReadAsStreamAsync());
        stream.Headers.ContentType = chunked.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/figures") { Content = stream };
        request.Headers.TransferEncodingChunked = true;
        var response = await member.SendAsync(request);
        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OnlySignedInMembersUpload()
    {
        var png = TestImages.Png(50, 50, seed: 13);
        await AssertRefusedAsync(await app.CreateClient().PostAsync("/api/v1/figures", TestImages.Form(png)), HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(await (await app.ReaderAsync("fig-reader")).PostAsync("/api/v1/figures", TestImages.Form(png)), HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithDbAsync(db => db.Figures.CountAsync(f => f.Width == 50 && f.Height == 50)));
    }

    [Fact]
    public async Task AWrongFormIsAProblemNotAFailure()
    {
        var member = await app.MemberAsync("fig-form");
        await AssertRefusedAsync(await member.PostAsync("/api/v1/figures", TestImages.Form(TestImages.Png(), field: "image")), HttpStatusCode.BadRequest);
        await AssertRefusedAsync(await member.PostAsync("/api/v1/figures", new ByteArrayContent(TestImages.Png()) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }), HttpStatusCode.UnsupportedMediaType);
        var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc", Encoding.ASCII);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var response = await member.PostAsync("/api/v1/figures", broken);
        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());

        // Two images in one upload: which one would be kept? Neither; the writer is told to send one.
        var two = new MultipartFormDataContent();
        foreach (var seed in new[] { 31, 32 })
        {
            var part = new ByteArrayContent(TestImages.Png(41, 41, seed)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } };
            two.Add(part, "file", $"figure{seed}.png");
        }
        await AssertRefusedAsync(await member.PostAsync("/api/v1/figures", two), HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.WithDbAsync(db => db.Figures.CountAsync(f => f.Width == 41)));
    }

    [Fact]
    public async Task UnknownFiguresAre404()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/figures/{new string('a', 32)}.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/figures/not-a-hash.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/figures/..%2f..%2fetc%2fpasswd.webp")).StatusCode);
    }

    [Fact]
    public async Task AModeratorTakesAFigureDownAndItIsLogged()
    {
        var member = await app.MemberAsync("fig-td-owner");
        var moderator = await app.ModeratorAsync("fig-td-mod");
        var figure = await UploadAsync(member, TestImages.Png(64, 64, seed: 14));
        var hash = figure.Url["/figures/".Length..^".webp".Length];

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/moderation/figures/{hash}/take-down", new ModerationRequest("mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsJsonAsync($"/api/v1/moderation/figures/{hash}/take-down", new ModerationRequest("copyright"))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(figure.Url)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.FigureBlobs.CountAsync(b => b.Hash == hash)));
        Assert.True(await app.WithDbAsync(db => db.ModerationActions.AnyAsync(a => a.TargetType == "figure" && a.TargetId == hash && a.Reason == "copyright")));
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.PostAsJsonAsync($"/api/v1/moderation/figures/{hash}/take-down", new ModerationRequest("again"))).StatusCode);

        // The same image cannot come back: not by its owner, not by anyone else.
        foreach (var uploader in new[] { member, await app.MemberAsync("fig-td-other") })
        {
            using var again = await uploader.PostAsync("/api/v1/figures", TestImages.Form(TestImages.Png(64, 64, seed: 14), "again.png", "image/png"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Contains("taken down", (await again.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Figures.CountAsync(f => f.Hash == hash)));
        // Another image is still welcome.
        Assert.StartsWith("/figures/", (await UploadAsync(member, TestImages.Png(64, 64, seed: 15))).Url);
    }
}
