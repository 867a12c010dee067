using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Components.Shared;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Accounts;

public static class AccountsForms
{
    public static void MapAccountsForms(this WebApplication app)
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
