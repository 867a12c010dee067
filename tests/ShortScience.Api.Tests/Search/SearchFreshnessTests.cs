using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Search;

/// <summary>Every write that changes what a paper is about is searchable the moment it returns.</summary>
public sealed class SearchFreshnessTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    async Task<List<string>> FindAsync(string query) =>
        [.. (await app.CreateClient().GetFromJsonAsync<SearchResults>($"/api/v1/search?q={Uri.EscapeDataString(query)}"))!.Items.Select(i => i.Key)];

    [Fact]
    public async Task PublishingEditingDeletingAndHidingShowInSearchAtOnce()
    {
        var writer = await app.MemberAsync("fresh-writer");
        var moderator = await app.ModeratorAsync("fresh-moderator");
        var added = await (await writer.PostAsJsonAsync("/api/v1/papers",
            new AddPaperRequest(Manual: new ManualPaper("Sloth Locomotion", ["Sally Sloth"], Year: 2021, Abstract: "How sloths move.")))).Content
            .ReadFromJsonAsync<AddPaperResponse>();
        var key = added!.Paper.Key;
        Assert.Equal([key], await FindAsync("sloth"));
        Assert.Equal([key], await FindAsync("Sally"));

        var published = await (await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine",
            new PublishRequest("Sloths save energy like a **narwhal** would.", null, false, null))).Content.ReadFromJsonAsync<PublishedRevision>();
        Assert.Equal([key], await FindAsync("narwhal"));

        (await writer.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest("Now about a dugong.", 1, false, "rewrite")))
            .EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("narwhal"));
        Assert.Equal([key], await FindAsync("dugong"));

        (await writer.DeleteAsync($"/api/v1/summaries/{published!.SummaryId}")).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("dugong"));
        (await writer.PostAsync($"/api/v1/summaries/{published.SummaryId}/undelete", null)).EnsureSuccessStatusCode();
        Assert.Equal([key], await FindAsync("dugong"));
        (await moderator.PostAsJsonAsync($"/api/v1/summaries/{published.SummaryId}/hide", new ModerationRequest("Off-topic"))).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("dugong"));

        (await moderator.PatchAsJsonAsync($"/api/v1/papers/{key}",
            new PaperEditRequest(new PaperChanges(Title: "Armadillo Locomotion", Authors: ["Arnold Armadillo"]), "Wrong title"))).EnsureSuccessStatusCode();
        Assert.Equal([key], await FindAsync("armadillo"));
        Assert.Empty(await FindAsync("sloth sally"));

        (await moderator.PostAsJsonAsync($"/api/v1/moderation/paper/{key}/hide", new ModerationRequest("Duplicate"))).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync("armadillo"));
    }
}
