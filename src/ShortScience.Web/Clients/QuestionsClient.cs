using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>Questions on a paper and their answers (/papers/{key}/questions, /questions, /answers).</summary>
public sealed class QuestionsClient(HttpClient http)
{
    /// <summary>Site-wide questions, newest first; a problem when the cursor is not one the API handed out.</summary>
    public Task<ApiResult<Page<QuestionListItem>>> GetQuestionsAsync(bool unanswered, string? cursor, CancellationToken ct = default) =>
        http.SendAsync<Page<QuestionListItem>>(HttpMethod.Get, $"api/v1/questions?unanswered={(unanswered ? "true" : "false")}{Q("cursor", cursor)}", null, ct);

    public Task<ApiResult<QuestionView>> AskAsync(string key, QuestionRequest request, CancellationToken ct = default) =>
        http.SendAsync<QuestionView>(HttpMethod.Post, $"api/v1/papers/{E(key)}/questions", request, ct);

    public Task<ApiResult<QuestionView>> EditAsync(long id, QuestionRequest request, CancellationToken ct = default) =>
        http.SendAsync<QuestionView>(HttpMethod.Put, $"api/v1/questions/{id}", request, ct);

    public Task<ApiResult<object>> DeleteAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/questions/{id}", null, ct);

    public Task<ApiResult<AnswerView>> AnswerAsync(long questionId, AnswerRequest request, CancellationToken ct = default) =>
        http.SendAsync<AnswerView>(HttpMethod.Post, $"api/v1/questions/{questionId}/answers", request, ct);

    public Task<ApiResult<AnswerView>> EditAnswerAsync(long id, AnswerRequest request, CancellationToken ct = default) =>
        http.SendAsync<AnswerView>(HttpMethod.Put, $"api/v1/answers/{id}", request, ct);

    public Task<ApiResult<object>> DeleteAnswerAsync(long id, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/answers/{id}", null, ct);

    public Task<ApiResult<QuestionView>> AcceptAsync(long questionId, long answerId, CancellationToken ct = default) =>
        http.SendAsync<QuestionView>(HttpMethod.Post, $"api/v1/questions/{questionId}/accept/{answerId}", null, ct);

    public Task<ApiResult<object>> UnacceptAsync(long questionId, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Delete, $"api/v1/questions/{questionId}/accept", null, ct);
}
