using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>Up and down votes on summaries and comments (/votes).</summary>
public sealed class VotesClient(HttpClient http)
{
    public Task<ApiResult<VoteResult>> VoteAsync(string targetType, long id, int value, CancellationToken ct = default) =>
        http.SendAsync<VoteResult>(HttpMethod.Put, $"api/v1/votes/{E(targetType)}/{id}", new VoteRequest(value), ct);
}
