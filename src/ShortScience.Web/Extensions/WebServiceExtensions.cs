using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using ShortScience.Web.Components;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

public static class WebServiceExtensions
{
    public static void AddWebServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        var apiBase = builder.Configuration["Api:BaseUrl"] ?? "http://127.0.0.1:5081";
        builder.Services.AddHttpClient<ApiClient>(http =>
        {
            http.BaseAddress = new Uri(apiBase.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new() { RouteId = "api", ClusterId = "api", Match = new() { Path = "/api/{**rest}" } },
                new() { RouteId = "feeds", ClusterId = "api", Match = new() { Path = "/feeds/{**rest}" } },
                new() { RouteId = "openapi", ClusterId = "api", Match = new() { Path = "/openapi/{**rest}" } },
            ],
            [
                new() { ClusterId = "api", Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig> { ["api"] = new() { Address = apiBase } } },
            ]);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    }

    public static void UseWebPipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = ex => ex is ApiUnavailableException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapReverseProxy();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
