using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ShortScience.Api.Import;

public static class ImportServices
{
    public static void AddImport(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        services.AddScoped<VenueResolver>();
        services.AddScoped<AuthorResolver>();
        services.AddScoped<PaperImporter>();
        services.AddScoped<BibImporter>();
        services.AddScoped<ImportProgressStore>();
        services.AddScoped<MetadataFetcher>();

        AddClient<ArxivClient>(services, o => o.ArxivBaseUrl);
        AddClient<CrossrefClient>(services, o => o.CrossrefBaseUrl);
        AddClient<DataCiteClient>(services, o => o.DataCiteBaseUrl);
    }

    /// <summary>A typed client whose base address comes from configuration, with timeouts and retries.</summary>
    static void AddClient<TClient>(IServiceCollection services, Func<ImportOptions, string> baseUrl) where TClient : class
    {
        services.AddHttpClient<TClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<ImportOptions>>().Value;
                http.BaseAddress = new Uri(baseUrl(options).TrimEnd('/') + "/");
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"ShortScience/1.0 (mailto:{options.ContactEmail})");
                // The resilience handler's total timeout governs; this one only backs it up.
                http.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds + 5);
            })
            .AddResilienceHandler("metadata", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
                pipeline
                    .AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds))
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Retries,
                        Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .AddTimeout(attempt);
            });
    }
}
