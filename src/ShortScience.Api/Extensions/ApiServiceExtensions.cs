using ShortScience.Api.Caching;
using Microsoft.AspNetCore.Http.Json;
using ShortScience.Api.Feeds;
using ShortScience.Hosting;
using ShortScience.Api.Accounts;
using ShortScience.Api.Demo;
using ShortScience.Api.Figures;
using ShortScience.Api.Mail;
using ShortScience.Api.Papers;
using Microsoft.AspNetCore.HttpOverrides;
using ShortScience.Api.Moderation;
using ShortScience.Api.Notifications;
using ShortScience.Api.Summaries;
using ShortScience.Api.Operations;
using ShortScience.Api.Import;
using ShortScience.Api.Search;
using ShortScience.Core.Rendering;
using ShortScience.Api.Rendering;
using ShortScience.Data;
using ShortScience.Api.Security;
using ShortScience.Api.Replicas;

namespace ShortScience.Api.Extensions;

public static class ApiServiceExtensions
{
    public static void AddApiServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("ShortScience")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:ShortScience is not set. Start the site with ./run.sh, or set ConnectionStrings__ShortScience.");

        builder.AddSharedLogging();

        builder.Services.AddShortScienceData(connectionString, builder.Configuration.GetConnectionString(Replicas.StandbyReads.ConnectionStringName));
        builder.AddStandbyReads();
        builder.AddRendering();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<SummaryPublisher>();
        builder.Services.AddScoped<PublicExport>();
        builder.Services.AddScoped<AccountDeletion>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<Moderator>();
        builder.Services.AddSingleton<DigestMailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DigestMailer>());
        builder.AddRateLimits();
        // The Web host calls the API for its visitors and says who they are; trust only loopback by default.
        builder.Services.AddSharedForwardedHeaders(builder.Configuration, "Api", ForwardedHeaders.XForwardedFor);
        builder.Services.AddSingleton(TimeProvider.System);
        // The largest legitimate body is a figure upload (10 MB by default), then a .bib file (5 MB); the body limit
        // middleware narrows each request to its route's limit, and anything bigger is refused before it is read.
        // No "Server: Kestrel" header either: it tells scanners what to try.
        builder.AddFigures();
        var largestBody = Math.Max(Security.BodySizeLimitMiddleware.MaxBodyBytes, FigureServices.MaxUploadBodyBytes(builder.Configuration));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = largestBody;
            kestrel.AddServerHeader = false;
            // A client sending its headers a line at a time holds a connection for at most this long (30 s by default).
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddExceptionHandler<Security.DatabaseUnavailable>();
        builder.Services.AddExceptionHandler<Security.InputProblems>();
        // A value the framework cannot bind (?limit=abc) is thrown in every environment, not only in Development, so
        // InputProblems answers it the same way everywhere: a problem naming the parameter.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.AddAccounts();
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Mail"));
        builder.Services.AddSingleton<IMailer, Mailer>();
        builder.Services.AddScoped<AccountMail>();
        builder.AddImport();
        builder.AddPapers();
        builder.Services.AddSingleton<SearchPlanner>();
        builder.Services.AddSingleton<AllPaperFacets>();
        builder.Services.AddSingleton<MatchFinder>();
        builder.Services.AddScoped<PaperSearch>();
        builder.Services.AddSharedOutputCacheStore(builder.Configuration); // before any AddOutputCache
        builder.AddFeeds();
        builder.AddReadCache();
        builder.Services.AddSingleton<ShortScience.Api.Summaries.PopularityRanking>();

        builder.Services.AddSharedProblemDetails();
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.MaxDepth = 32;
            options.SerializerOptions.Converters.Add(new TextGuard());
        });
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddDraining(builder.Configuration);
    }
}
