using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using ShortScience.Hosting;
using ShortScience.Web.Clients;
using ShortScience.Web.Components;
using ShortScience.Web.Components.Pages.Accounts;
using ShortScience.Web.Components.Pages.Browse;
using ShortScience.Web.Components.Pages.Comments;
using ShortScience.Web.Components.Pages.Figures;
using ShortScience.Web.Components.Pages.Follows;
using ShortScience.Web.Components.Pages.Moderation;
using ShortScience.Web.Components.Pages.Notifications;
using ShortScience.Web.Components.Pages.Papers;
using ShortScience.Web.Components.Pages.Questions;
using ShortScience.Web.Components.Pages.ReadingList;
using ShortScience.Web.Components.Pages.Import;
using ShortScience.Web.Components.Pages.Votes;
using ShortScience.Web.Services;
using Yarp.ReverseProxy.Transforms;

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
            // A client sending its headers a line at a time holds a connection for at most this long (30 s by default).
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
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
                new() { RouteId = FiguresProxy.FilesRoute, ClusterId = "api", Match = new() { Path = "/figures/{**rest}", Methods = ["GET", "HEAD"] } },
                new() { RouteId = FiguresProxy.UploadRoute, ClusterId = "api", Order = -1, Match = new() { Path = FiguresProxy.UploadPath, Methods = ["POST"] } },
            ],
            [
                new() { ClusterId = "api", Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig> { ["api"] = new() { Address = apiBase } } },
            ])
            .AddTransforms(FiguresProxy.AddFigureTransforms)
            .AddTransforms(context =>
            {
                // Feeds are cached here (PageCache). Filling the cache needs the whole feed, so a conditional request
                // that is about to fill it goes to the API unconditionally; later ones get their 304 from the cache.
                if (context.Route.RouteId != "feeds") return;
                context.AddRequestTransform(transform =>
                {
                    if (transform.HttpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context is { AllowCacheStorage: true })
                    {
                        transform.ProxyRequest.Headers.Remove("If-None-Match");
                        transform.ProxyRequest.Headers.Remove("If-Modified-Since");
                    }
                    return ValueTask.CompletedTask;
                });
            });

        builder.Services.AddSingleton<Flash>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiOutageLog>();
        builder.Services.AddSingleton<Serilog.Core.ILogEventFilter, ApiProxyOutage.LogFilter>();
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
        builder.AddSharedKeys();
        builder.Services.AddHttpClient(ApiHealthCheck.Client, http => http.BaseAddress = new Uri(apiBase.TrimEnd('/') + "/"));
        builder.Services.AddHealthChecks().AddCheck<ApiHealthCheck>("api");
        builder.Services.AddDraining(builder.Configuration);

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
        // The editor sends its whole text to the circuit as it changes: SignalR's default 32 KB per message would
        // drop the connection for a summary over ~16k characters (the API takes 100,000), and with it the newest text.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 2 * 1024 * 1024);
    }

    /// <summary>
    /// The keys that seal sign-in cookies, antiforgery tokens and flash messages, shared by every replica so a visitor
    /// may land on any of them and a restarted one still reads yesterday's cookies: in Redis when
    /// <c>ConnectionStrings:Redis</c> is set, in the folder <c>DataProtection:KeysPath</c> names if that is set instead
    /// (it wins when both are), else in the process's own key ring (one replica, development).
    /// </summary>
    static void AddSharedKeys(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("ShortScience.Web");
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        else if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            var options = StackExchange.Redis.ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even while Redis is away; the key ring is read when first needed
            var connection = new Lazy<StackExchange.Redis.IConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(options));
            protection.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), RedisKeysName);
        }
    }

    public const string RedisKeysName = "ShortScience.Web.DataProtection-Keys";

    public static void UseWebPipeline(this WebApplication app)
    {
        // HEAD takes the GET path, so routing (otherwise first of all) follows it.
        app.UseMiddleware<HeadAsGetMiddleware>();
        app.UseRouting();
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Cached pages (signed-out readers only, Services/PageCache.cs) still get the security headers; they are kept
        // compressed, once per encoding (PageCache.ChosenEncoding), so a hit is sent as it was stored.
        if (app.Configuration.GetValue("Caching:Pages", true)) app.UseOutputCache();
        // Compressing pages that carry a signed-in person's secrets next to text an attacker can echo invites
        // BREACH-style attacks; signed-out pages (almost all traffic) and static files are compressed.
        app.UseWhen(context => !PageCache.SignedInOrFlash(context.Request),
            branch => branch.UseResponseCompression());
        if (app.Environment.IsProduction()) app.UseHsts();
        // One line per request with the status the client got: outside the error and not-found re-runs (which
        // restore the path they ran under), inside the page cache (hits are not logged).
        app.UseSharedRequestLogging();
        var outages = app.Services.GetRequiredService<ApiOutageLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            // A request the site cannot act on answers its 4xx (RequestProblems), only the site's own failures 500/503.
            StatusCodeSelector = RequestProblems.StatusFor,
            // An API outage is reported by ApiOutageLog (once, then a count), not with a stack for every page.
            SuppressDiagnosticsCallback = context => RequestProblems.IsAskersMistake(context.Exception)
                || outages.Report(context.Exception),
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ReExecuteAsGetMiddleware>();
        app.UseMiddleware<SessionEndedMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<RequestProblems.Middleware>();
        app.UseFigureUploadLimit(app.Configuration);

        app.MapHealthEndpoints(); // /health/live and /health/ready, for a balancer
        app.MapStaticAssets().CacheKatexFontsForGood();
        app.MapReverseProxy(proxy =>
        {
            // The default pipeline, with API outages answered as 503s (ApiProxyOutage) around it.
            proxy.UseMiddleware<ApiProxyOutage>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapAccountsForms();
        app.MapMyDataForms();
        app.MapSessionRenewal();
        app.MapCommentsForms();
        app.MapQuestionsForms();
        app.MapVotesForms();
        app.MapModerationForms();
        app.MapNotificationsForms();
        app.MapFollowsForms();
        app.MapReadingListForms();
        app.MapImportForms();
        app.MapPapersEndpoints();
        app.MapBrowseEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .WithStateOnlyOn(typeof(Components.Pages.Summaries.Summarize));
    }
}
