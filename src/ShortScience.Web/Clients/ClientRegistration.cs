using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ShortScience.Web.Clients;

public static class ClientRegistration
{
    /// <summary>One typed client per feature, all through <see cref="UserTokenHandler"/> and <see cref="CacheTagsHandler"/>.</summary>
    public static void AddApiClients(this IServiceCollection services, string apiBase)
    {
        var address = new Uri(apiBase.TrimEnd('/') + "/");
        services.AddHttpContextAccessor();
        services.AddSingleton<CircuitServicesAccessor>();
        services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        services.AddScoped<UserTokens>();
        services.AddTransient<UserTokenHandler>();
        services.AddTransient<CacheTagsHandler>();

        services.AddApiClient<AccountsClient>(address);
        services.AddApiClient<BrowseClient>(address);
        services.AddApiClient<CommentsClient>(address);
        services.AddApiClient<FollowsClient>(address);
        services.AddApiClient<ReadingListClient>(address);
        services.AddApiClient<MyDataClient>(address);
        services.AddApiClient<ModerationClient>(address);
        services.AddApiClient<NotificationsClient>(address);
        services.AddApiClient<PapersClient>(address);
        services.AddApiClient<QuestionsClient>(address);
        services.AddApiClient<SearchClient>(address);
        services.AddApiClient<SummariesClient>(address);
        services.AddApiClient<UsersClient>(address);
        services.AddApiClient<VenuesClient>(address);
        services.AddApiClient<VotesClient>(address);
        // Imports wait on arXiv/Crossref and on large .bib files: a longer timeout than reading pages.
        services.AddApiClient<ImportClient>(address, TimeSpan.FromMinutes(5));
    }

    static void AddApiClient<TClient>(this IServiceCollection services, Uri address, TimeSpan? timeout = null) where TClient : class =>
        services.AddHttpClient<TClient>(http =>
        {
            http.BaseAddress = address;
            http.Timeout = timeout ?? TimeSpan.FromSeconds(10);
        })
        // The factory's own log lines (a scope and two entries per request) cost more than the page's JSON parsing on
        // a busy paper page; the API logs every request, and a failure here surfaces as ApiUnavailableException.
        .RemoveAllLoggers()
        .AddHttpMessageHandler<UserTokenHandler>().AddHttpMessageHandler<CacheTagsHandler>();
}
