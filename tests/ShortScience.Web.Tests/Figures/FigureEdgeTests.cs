using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Figures;

/// <summary>
/// A figure is read from the API once and then served by the Web host (its bytes and its 304s), and a moderator's
/// take-down stops it being served there too.
/// </summary>
[Collection(CommentsSiteCollection.Name)]
public sealed class FigureEdgeTests(SiteFixture site)
{
    /// <summary>A 4×3 RGB PNG.</summary>
    static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAJ0lEQVR4nA3HQQEAMBDCsApDBHIqBxEncMsvgEHxEGqq9fozM503H9zHDZmBTdufAAAAAElFTkSuQmCC");

    [Fact]
    public async Task AFigureAndIts304ComeFromTheWebHostAfterTheFirstRead_AndATakeDownStopsItThere()
    {
        await site.CreateMemberAsync("edge-figure-writer");
        await site.CreateMemberAsync("edge-figure-moderator");
        await site.MakeModeratorAsync("edge-figure-moderator");
        using var writer = await site.ApiClientForAsync("edge-figure-writer");
        using var moderator = await site.ApiClientForAsync("edge-figure-moderator");

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "edge.png");
        using var uploaded = await writer.PostAsync("/api/v1/figures", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var figure = (await uploaded.Content.ReadFromJsonAsync<FigureUploaded>())!;
        var path = new Uri(figure.Url, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(figure.Url).AbsolutePath : figure.Url;
        var hash = path.Split('/')[^1].Split('.')[0];

        using var reader = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = site.WebUrl };
        byte[] bytes;
        EntityTagHeaderValue etag;
        using (var first = await reader.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.StartsWith("image/", first.Content.Headers.ContentType!.MediaType);
            etag = first.Headers.ETag!;
            bytes = await first.Content.ReadAsByteArrayAsync();
        }

        var asked = ApiRequestsFor(path);
        using (var again = await reader.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, again.Headers.ETag);
            Assert.Equal("public, max-age=31536000, immutable", again.Headers.CacheControl!.ToString());
            Assert.NotNull(again.Headers.Age); // from the Web host's cache
        }
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            using var notModified = await reader.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        Assert.Equal(asked, ApiRequestsFor(path));

        using (var takeDown = await moderator.PostAsJsonAsync($"/api/v1/moderation/figures/{hash}/take-down", new ModerationRequest("Not the author's to publish.")))
        {
            Assert.Equal(HttpStatusCode.NoContent, takeDown.StatusCode);
        }
        // The Web host hears of the removal over its long poll: within seconds the figure is gone there too.
        var until = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        while ((status = (await reader.GetAsync(path)).StatusCode) == HttpStatusCode.OK && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    int ApiRequestsFor(string path) => site.Api.Requests.Count(p => string.Equals(p, path, StringComparison.Ordinal));
}
