using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>A person's public profile and what they published (/users/{name}).</summary>
public sealed class UsersClient(HttpClient http)
{
    public Task<UserProfile?> GetUserAsync(string name, CancellationToken ct = default) =>
        http.GetOrNullAsync<UserProfile>($"api/v1/users/{E(name)}", ct);

    public Task<Page<SummaryListItem>?> GetSummariesAsync(string name, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<Page<SummaryListItem>>($"api/v1/users/{E(name)}/summaries?{Q("cursor", cursor)}", ct);

    public Task<Page<QuestionListItem>?> GetQuestionsAsync(string name, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<Page<QuestionListItem>>($"api/v1/users/{E(name)}/questions?{Q("cursor", cursor)}", ct);

    public Task<Page<UserAnswerItem>?> GetAnswersAsync(string name, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<Page<UserAnswerItem>>($"api/v1/users/{E(name)}/answers?{Q("cursor", cursor)}", ct);

    public Task<Page<UserCommentItem>?> GetCommentsAsync(string name, string? cursor, CancellationToken ct = default) =>
        http.GetOrNullAsync<Page<UserCommentItem>>($"api/v1/users/{E(name)}/comments?{Q("cursor", cursor)}", ct);
}
