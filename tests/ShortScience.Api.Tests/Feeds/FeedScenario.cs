using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Feeds;

/// <summary>
/// One paper at a venue with a signed summary (math, a footnote, a citation, a control character), an anonymous
/// summary and a comment, made through the real API. Built once per test class's database.
/// </summary>
public sealed record FeedScenario(long SignedId, long AnonymousId, long CommentId, HttpClient Ada, HttpClient Bo, HttpClient Cy)
{
    public const string Key = "1706.03762";
    public const string Title = "Attention Is All You Need";
    public const string Markdown = "Self-attention costs $O(n^2 \\cdot d)$ per layer.[^1] See \\cite{1706.03762}.\u0007\n\n$$\\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V$$\n\n[^1]: Against $O(n \\cdot d^2)$ for recurrence.";

    static readonly ConditionalWeakTable<ApiFactory, Task<FeedScenario>> Built = [];

    public static Task<FeedScenario> For(ApiFactory app)
    {
        lock (Built) return Built.GetValue(app, a => BuildAsync(a));
    }

    static async Task<FeedScenario> BuildAsync(ApiFactory app)
    {
        await app.WithDbAsync(async db =>
        {
            var venue = await TestData.VenueAsync(db, "NeurIPS", "Neural Information Processing Systems");
            var paper = await TestData.PaperAsync(db, Key, Title, venue, 2017, "Ashish Vaswani", "Noam Shazeer");
            await db.Papers.Where(p => p.Id == paper.Id).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.ArxivId, Key).SetProperty(x => x.Doi, "10.48550/arXiv.1706.03762")
                .SetProperty(x => x.BibtexKey, "vaswani2017attention").SetProperty(x => x.Keywords, new List<string> { "attention", "transformers" }));
        });
        var ada = await app.MemberAsync("ada");
        var bo = await app.MemberAsync("bob");
        var cy = await app.MemberAsync("cyd");
        var signed = await PublishAsync(ada, Markdown, anonymous: false);
        var anonymous = await PublishAsync(cy, "Quietly: the *Transformer* drops recurrence.", anonymous: true);
        var comment = await bo.PostAsJsonAsync($"/api/v1/summaries/{signed}/comments", new CommentRequest("Nice, but what about $O(1)$ memory?", null));
        comment.EnsureSuccessStatusCode();
        var commentId = (await comment.Content.ReadFromJsonAsync<CommentLocation>())!.Id;
        return new FeedScenario(signed, anonymous, commentId, ada, bo, cy);
    }

    public static async Task<long> PublishAsync(HttpClient client, string markdown, bool anonymous, int baseRevision = 0, string key = Key)
    {
        var response = await client.PutAsJsonAsync($"/api/v1/papers/{key}/summaries/mine", new PublishRequest(markdown, baseRevision, anonymous, null));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PublishedRevision>())!.SummaryId;
    }
}
