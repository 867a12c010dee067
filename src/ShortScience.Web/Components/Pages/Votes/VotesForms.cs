using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Votes;

/// <summary>Voting as a plain HTML form post (post-redirect-get), so it works without JavaScript.</summary>
public static class VotesForms
{
    public static void MapVotesForms(this WebApplication app)
    {
        var actions = app.MapGroup("/actions").RequireAuthorization(); // [FromForm] parameters make every post check its antiforgery token.

        actions.MapPost("/vote", async ([FromForm] string targetType, [FromForm] long id, [FromForm] int value, [FromForm] string? returnUrl,
            HttpContext http, VotesClient votes, Flash flash) =>
        {
            var result = await votes.VoteAsync(targetType, id, value, http.RequestAborted);
            if (!result.Ok) flash.Set(http, new FlashMessage(null, result.Problem!.Message));
            return LocalUrl.Back(returnUrl, $"{AnchorOf(targetType)}-{id}");
        });
    }

    /// <summary>The element a vote's target has on its page ("comments" → "comment-{id}").</summary>
    static string AnchorOf(string targetType) => targetType switch
    {
        "comment" or "comments" => "comment",
        "question" or "questions" => "question",
        "answer" or "answers" => "answer",
        _ => "summary",
    };
}
