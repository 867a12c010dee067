using ShortScience.Api.Caching;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using ShortScience.Api.Feeds;
using ShortScience.Hosting;
using ShortScience.Api.Accounts;
using ShortScience.Api.Comments;
using ShortScience.Api.Figures;
using ShortScience.Api.Follows;
using ShortScience.Api.Moderation;
using ShortScience.Api.Notifications;
using ShortScience.Api.Users;
using ShortScience.Api.Votes;
using ShortScience.Api.Authors;
using ShortScience.Api.Browse;
using ShortScience.Api.Search;
using ShortScience.Api.Operations;
using ShortScience.Api.Import;
using ShortScience.Api.Papers;
using ShortScience.Api.Questions;
using ShortScience.Api.ReadingList;
using ShortScience.Api.Rendering;
using ShortScience.Api.Security;
using ShortScience.Api.Replicas;
using ShortScience.Api.Summaries;
using ShortScience.Api.Venues;

namespace ShortScience.Api.Extensions;

public static class ApiPipelineExtensions
{
    public static void UseApiPipeline(this WebApplication app)
    {
        // HEAD takes the GET path (feed readers and link checkers ask with it), so routing follows it.
        app.UseMiddleware<HeadAsGetMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiSecurityHeadersMiddleware>();
        if (app.Environment.IsProduction()) app.UseHsts();
        app.UseForwardedHeaders();
        app.UseSharedRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<OpenApiDocumentCache>();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.Use((context, next) => TextGuard.HasNul(context.Request)
            ? Results.Problem(statusCode: 400, title: "Invalid input", detail: "The address contains the NUL character.").ExecuteAsync(context)
            : next(context));
        app.UseStandbyReads(); // decides the request's database before anything below opens it
        app.UseAuthentication();
        app.UseMiddleware<SessionValidationMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<ReadCacheEvictionMiddleware>();
        app.UseOutputCache();
    }

    /// <summary>
    /// The API's URL tree. A root that several features share is made here once and owns what holds for everything
    /// under it (<c>/me</c>: signed in); each feature's <c>MapXxxApi</c> adds its endpoints and its own policies.
    /// </summary>
    public static void MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthEndpoints(HealthResponse.WriteAsync); // /health/live and /health/ready, for a balancer
        app.MapCacheEvents();

        var v1 = app.MapGroup("/api/v1").AddEndpointFilter<ValidationFilter>();
        v1.MapAccountsApi();
        var me = v1.MapGroup("/me").RequireAuthorization();
        me.MapMeApi();
        me.MapMyDataApi();
        me.MapFollowsApi();
        me.MapPrivateFeedApi();
        me.MapReadingListApi();
        me.MapMyPaperApi();
        me.MapMyWorkApi();
        v1.MapUsersApi();

        v1.MapPapersApi();
        v1.MapImportApi();
        v1.MapPaperEditsApi();
        v1.MapPaperHistoryApi();
        v1.MapBibtexApi();
        v1.MapListingExportsApi();
        v1.MapSummariesApi();
        v1.MapWritingApi();
        v1.MapPopularityApi();
        v1.MapRenderApi();
        v1.MapCommentsApi();
        v1.MapQuestionsApi();
        v1.MapVotesApi();
        v1.MapNotificationsApi();
        v1.MapModerationApi();
        v1.MapFiguresApi();

        v1.MapVenuesApi();
        v1.MapVenueMergeApi();
        v1.MapAuthorsApi();
        v1.MapBrowseApi();
        v1.MapSearchApi();
        v1.MapLookupApi();
        v1.MapSitemapApi();
        app.MapFeedsApi();
        app.MapFigureFiles();
    }
}
