using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Extensions;

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
