using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Summaries;

public sealed class MyWorkApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task MyWorkListsOnlyMyOwnDraftsSummariesAndQuestionsAndADraftCanBeDiscarded()
    {
        await app.WithDbAsync(async db =>
        {
            await TestData.PaperAsync(db, "mw-draft", "A Paper Being Drafted", null, 2020, "Ada Lovelace");
            await TestData.PaperAsync(db, "mw-done", "A Paper Summarized", null, 2021, "Bo Xu");
        });
        var ada = await app.MemberAsync("mw-ada");
        var bo = await app.MemberAsync("mw-bo");
        (await ada.PutAsJsonAsync("/api/v1/papers/mw-draft/summaries/mine/draft", new SaveDraftRequest("Secret draft text", null, false))).EnsureSuccessStatusCode();
        (await ada.PutAsJsonAsync("/api/v1/papers/mw-done/summaries/mine", new PublishRequest("Published text", null, false, null))).EnsureSuccessStatusCode();
        (await ada.PostAsJsonAsync("/api/v1/papers/mw-done/questions", new QuestionRequest("Why this loss?", "Body"))).EnsureSuccessStatusCode();

        var mine = (await ada.GetFromJsonAsync<MyWork>("/api/v1/me/work"))!;
        var draft = Assert.Single(mine.Drafts);
        Assert.Equal(("mw-draft", "Secret draft text"), (draft.PaperKey, draft.Excerpt));
        Assert.Equal(["mw-done"], mine.Summaries.Select(s => s.PaperKey));
        Assert.Equal(["Why this loss?"], mine.Questions.Select(q => q.Title));

        var others = (await bo.GetFromJsonAsync<MyWork>("/api/v1/me/work"))!;
        Assert.Empty(others.Drafts);
        Assert.Empty(others.Summaries);
        Assert.Empty(others.Questions);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/work")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync("/api/v1/papers/mw-draft/summaries/mine/draft")).StatusCode);
        Assert.Empty((await ada.GetFromJsonAsync<MyWork>("/api/v1/me/work"))!.Drafts);
    }
}
