using Microsoft.AspNetCore.Mvc;
using ShortScience.Contracts;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Questions;

/// <summary>
/// Asking, answering, editing, deleting and accepting as plain HTML form posts (post-redirect-get), so Q&amp;A works
/// without JavaScript. Antiforgery is checked on every one; the API decides what the person may do. A refused
/// question comes back with what was typed (<see cref="QuestionDraft"/>).
/// </summary>
public static class QuestionsForms
{
    public static void MapQuestionsForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions/questions").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/ask", async ([FromForm] string paperKey, [FromForm] string? title, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.AskAsync(paperKey, new QuestionRequest(title ?? "", markdown ?? ""), http.RequestAborted);
            if (result.Value is { } asked) return LocalUrl.Back(returnUrl, $"question-{asked.Id}");
            flash.Set(http, new FlashMessage(null, result.Problem!.Message, "ask", QuestionDraft.Pack(title, markdown)));
            return LocalUrl.Back(returnUrl, "ask");
        });

        actions.MapPost("/edit", async ([FromForm] long id, [FromForm] string? title, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.EditAsync(id, new QuestionRequest(title ?? "", markdown ?? ""), http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Question updated.")
                : new FlashMessage(null, result.Problem!.Message, $"edit-question-{id}", QuestionDraft.Pack(title, markdown)));
            return LocalUrl.Back(returnUrl, $"question-{id}");
        });

        actions.MapPost("/delete", async ([FromForm] long id, [FromForm] string? returnUrl, HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.DeleteAsync(id, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Question deleted.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, "questions");
        });

        actions.MapPost("/answer", async ([FromForm] long questionId, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.AnswerAsync(questionId, new AnswerRequest(markdown ?? ""), http.RequestAborted);
            if (result.Value is { } answer) return LocalUrl.Back(returnUrl, $"answer-{answer.Id}");
            flash.Set(http, new FlashMessage(null, result.Problem!.Message, $"answer-to-{questionId}", markdown));
            return LocalUrl.Back(returnUrl, $"question-{questionId}");
        });

        actions.MapPost("/answer/edit", async ([FromForm] long id, [FromForm] string? markdown, [FromForm] string? returnUrl,
            HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.EditAnswerAsync(id, new AnswerRequest(markdown ?? ""), http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Answer updated.") : new FlashMessage(null, result.Problem!.Message, $"edit-answer-{id}", markdown));
            return LocalUrl.Back(returnUrl, $"answer-{id}");
        });

        actions.MapPost("/answer/delete", async ([FromForm] long id, [FromForm] string? returnUrl, HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.DeleteAnswerAsync(id, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Answer deleted.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, "questions");
        });

        actions.MapPost("/accept", async ([FromForm] long questionId, [FromForm] long answerId, [FromForm] string? returnUrl,
            HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.AcceptAsync(questionId, answerId, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("Answer accepted.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, $"question-{questionId}");
        });

        actions.MapPost("/unaccept", async ([FromForm] long questionId, [FromForm] string? returnUrl, HttpContext http, QuestionsClient questions, Flash flash) =>
        {
            var result = await questions.UnacceptAsync(questionId, http.RequestAborted);
            flash.Set(http, result.Ok ? new FlashMessage("No answer is accepted now.") : new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, $"question-{questionId}");
        });
    }
}

/// <summary>A question's title and body in one flash text: the title is one line, so the first line break separates them.</summary>
public static class QuestionDraft
{
    public static string Pack(string? title, string? markdown) => (title ?? "").ReplaceLineEndings(" ") + "\n" + markdown;

    public static (string Title, string Markdown) Unpack(string? text)
    {
        if (text is null) return ("", "");
        var split = text.IndexOf('\n', StringComparison.Ordinal);
        return split < 0 ? (text, "") : (text[..split], text[(split + 1)..]);
    }
}
