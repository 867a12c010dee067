using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Accounts;

/// <summary>Refusals by policy answer as problem details that say what to do about it.</summary>
public sealed class AuthorizationProblems : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var user = context.User;
        var (status, title, detail) = result.Challenged || user.Identity?.IsAuthenticated != true
            ? (401, "Sign-in required", "Sign in to do this.")
            : user.IsBanned()
                ? (403, "Account banned", "A moderator has banned this account from posting, voting and reporting.")
                : !user.IsInRole(Roles.Member) && !user.IsInRole(Roles.Moderator) && !user.IsInRole(Roles.Admin)
                    ? (403, "Email not confirmed", "Confirm your email address to do this; the link is in the mail we sent when you signed up.")
                    : (403, "Not allowed", "Your account does not have permission for this.");
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
