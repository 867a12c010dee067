using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Questions;

/// <summary>Asking and answering through the real API, as a member would.</summary>
public static class QuestionSteps
{
    public static async Task<QuestionView> AskAsync(this HttpClient client, string paperKey, string title, string markdown)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/papers/{paperKey}/questions", new QuestionRequest(title, markdown));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<QuestionView>())!;
    }

    public static async Task<AnswerView> AnswerAsync(this HttpClient client, long questionId, string markdown)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/questions/{questionId}/answers", new AnswerRequest(markdown));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AnswerView>())!;
    }

    public static async Task<List<QuestionView>> QuestionsAsync(this HttpClient client, string paperKey) =>
        (await client.GetFromJsonAsync<List<QuestionView>>($"/api/v1/papers/{paperKey}/questions"))!;
}
