using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Serilog;
using ShortScience.Hosting;
using Serilog.Events;
using ShortScience.Web.Clients;
using ShortScience.Web.Components;
using ShortScience.Web.Components.Pages.Accounts;
using ShortScience.Web.Components.Pages.Browse;
using ShortScience.Web.Components.Pages.Comments;
using ShortScience.Web.Components.Pages.Follows;
using ShortScience.Web.Components.Pages.Moderation;
using ShortScience.Web.Components.Pages.Notifications;
using ShortScience.Web.Components.Pages.Papers;
using ShortScience.Web.Components.Pages.Questions;
using ShortScience.Web.Components.Pages.Votes;
using ShortScience.Web.Services;

namespace ShortScience.Web.Extensions;

public static class WebServiceExtensions
{
    /// <summary>The largest request body the site reads (a 5 MB .bib file and its form around it).</summary>
    public const long MaxRequestBytes = 8 * 1024 * 1024;

    public static void AddWebServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // no "Server: Kestrel" for scanners
            // The largest thing a person sends the site is a .bib file (AddPaper: 5 MB); anything much larger is
            // refused with 413 and a readable page before it is read (RequestProblems).
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBytes);
        builder.AddSharedLogging();

        var apiBase = builder.Configuration["Api:BaseUrl"] ?? "http://127.0.0.1:5081";
        builder.Services.AddApiClients(apiBase);

        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new() { RouteId = "api", ClusterId = "api", Match = new() { Path = "/api/{**rest}" } },
                new() { RouteId = "feeds", ClusterId = "api", Match = new() { Path = "/feeds/{**rest}" } },
                new() { RouteId = "openapi", ClusterId = "api", Match = new() { Path = "/openapi/{**rest}" } },
            ],
            [
                new() { ClusterId = "api", Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig> { ["api"] = new() { Address = apiBase } } },
            ]);

        builder.Services.AddSingleton<Flash>();
        // Secure, __Host- cookies need HTTPS; a plain-HTTP deployment (docker compose on localhost) turns them off.
        var secureCookies = builder.Configuration.GetValue("Site:SecureCookies",
            !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"));
        builder.Services.AddSharedForwardedHeaders(builder.Configuration, "Web", ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                // The __Host- prefix pins the cookie to this origin; browsers accept it only over HTTPS.
                options.Cookie.Name = secureCookies ? "__Host-shortscience" : "shortscience";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/denied";
                options.ExpireTimeSpan = TimeSpan.FromDays(30);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = CookieSessionRefresh.ValidatePrincipalAsync;
            });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = secureCookies ? "__Host-shortscience-af" : "shortscience-af";
            options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
        });
        // Production answers carry HSTS (UseWebPipeline): a year, so a returning reader's browser never tries plain HTTP.
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            builder.Services.AddDataProtection().SetApplicationName("ShortScience.Web").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // only ever applied to signed-out requests, see UseWebPipeline
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/rss+xml", "application/atom+xml", "application/x-bibtex", "image/svg+xml", "application/problem+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        builder.AddPageCache();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    }

    public static void UseWebPipeline(this WebApplication app)
    {
        // HEAD takes the GET path, so routing (otherwise first of all) follows it.
        app.UseMiddleware<HeadAsGetMiddleware>();
        app.UseRouting();
        app.UseForwardedHeaders();
        // Compressing pages that carry a signed-in person's secrets next to text an attacker can echo invites
        // BREACH-style attacks; signed-out pages (almost all traffic) and static files are compressed.
        app.UseWhen(context => !PageCache.SignedInOrFlash(context.Request),
            branch => branch.UseResponseCompression());
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Cached pages (signed-out readers only, Services/PageCache.cs) still get compression and security headers.
        if (app.Configuration.GetValue("Caching:Pages", true)) app.UseOutputCache();
        if (app.Environment.IsProduction()) app.UseHsts();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            // A request the site cannot act on answers its 4xx (RequestProblems), only the site's own failures 500/503.
            StatusCodeSelector = RequestProblems.StatusFor,
            SuppressDiagnosticsCallback = context => RequestProblems.IsAskersMistake(context.Exception),
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ReExecuteAsGetMiddleware>();
        app.UseSerilogRequestLogging(options => options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(HeadAsGetMiddleware.SentMethod(context))),
            new LogEventProperty("RequestPath", new ScalarValue(path)),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ]);
        app.UseMiddleware<SessionEndedMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<RequestProblems.Middleware>();

        app.MapStaticAssets().CacheKatexFontsForGood();
        app.MapReverseProxy();
        app.MapAccountsForms();
        app.MapSessionRenewal();
        app.MapCommentsForms();
        app.MapQuestionsForms();
        app.MapVotesForms();
        app.MapModerationForms();
        app.MapNotificationsForms();
        app.MapFollowsForms();
        app.MapPapersEndpoints();
        app.MapBrowseEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
