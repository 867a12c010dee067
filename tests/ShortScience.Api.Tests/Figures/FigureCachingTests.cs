using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Tests.Caching;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Figures;

/// <summary>A new figure shows nowhere until a text links it: uploading one leaves every cached read and page alone.</summary>
public sealed class FigureCachingTests(CachingApiFactory fixture) : IClassFixture<CachingApiFactory>
{
    [Fact]
    public async Task AnUploadLeavesCachedReadsCached()
    {
        await fixture.App.WithDbAsync(db => TestData.PaperAsync(db, "fc-cached", "Cached Title"));
        var member = await fixture.App.MemberAsync("fc-uploader");
        var anonymous = fixture.Api.CreateClient();
        Assert.Equal("Cached Title", (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/fc-cached"))!.Title);
        // Changed behind the API's back: a reader sees it only once the cached answer is evicted.
        await fixture.App.WithDbAsync(db => db.Papers.Where(p => p.Key == "fc-cached").ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "Changed Title")));

        var uploader = fixture.Api.CreateClient();
        uploader.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        var uploaded = await uploader.PostAsync("/api/v1/figures", TestImages.Form(TestImages.Png(60, 40, seed: 90)));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        Assert.Equal("Cached Title", (await anonymous.GetFromJsonAsync<PaperDetail>("/api/v1/papers/fc-cached"))!.Title);
    }
}
