using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;

namespace ShortScience.Web.Components.Pages.Accounts;

/// <summary>Settings' "Download my data" (the API's zip, fetched with the person's token) and "Delete my account" (password confirmed).</summary>
public static class MyDataForms
{
    public static void MapMyDataForms(this WebApplication app)
    {
        app.MapGet("/account/my-data", async (HttpContext http, MyDataClient data, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "private, no-store";
            return await data.ExportAsync(ct) is { } zip
                ? Results.File(zip, "application/zip", "shortscience-my-data.zip")
                : Results.NotFound();
        }).RequireAuthorization();

        app.MapPost("/account/delete", async ([FromForm] string? password, [FromForm] string? keepSummaries,
            HttpContext http, MyDataClient data, Flash flash) =>
        {
            if (string.IsNullOrEmpty(password))
            {
                flash.Set(http, new FlashMessage(null, "Type your password to delete your account."));
                return Results.LocalRedirect("/account/settings#your-data");
            }
            var result = await data.DeleteAccountAsync(password, keepSummaries == "on" || keepSummaries == "true", http.RequestAborted);
            if (!result.Ok)
            {
                flash.Set(http, new FlashMessage(null, result.Problem!.Message));
                return Results.LocalRedirect("/account/settings#your-data");
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            flash.Set(http, new FlashMessage("Your account is deleted."));
            return Results.LocalRedirect("/");
        }).RequireAuthorization();
    }
}
