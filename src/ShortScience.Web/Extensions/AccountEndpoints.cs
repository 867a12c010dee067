using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // A form post (with antiforgery), never a link: a GET must not sign anyone out.
        app.MapPost("/account/logout", async (HttpContext http, AccountsClient accounts, [FromForm] string? returnUrl) =>
        {
            if (http.User.FindFirstValue(UserClaims.AccessToken) is { } token)
            {
                try
                {
                    await accounts.LogoutAsync(token, http.RequestAborted);
                }
                catch (ApiUnavailableException)
                {
                    // The browser is signed out regardless; the API session lapses with its token.
                }
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
    }
}

/// <summary>When the API has ended the session (signed out elsewhere), sign the browser out and ask to sign in.</summary>
public sealed class SessionEndedMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SessionEndedException) when (!context.Response.HasStarted)
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"/account/login?ended=1&returnUrl={Uri.EscapeDataString(back)}");
        }
    }
}

public static class LocalUrl
{
    /// <summary>Only same-site paths: "/x" but not "//evil.example" or "/\\evil.example".</summary>
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
