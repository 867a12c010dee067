using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Data;
using ShortScience.Testing;

namespace ShortScience.Api.Tests;

/// <summary>The real API host on its own fresh PostgreSQL database. One per test class.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the real mailer writes .eml files (no SMTP server in tests).</summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("shortscience-mail-").FullName;

    /// <summary>Extra settings for a test class that needs them (set before the first request).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync(GetType().Name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ShortScience", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Mail:PickupFolder", MailFolder);
        builder.UseSetting("Site:PublicUrl", "http://site.test");
        // Tests sign up and post far faster than people; rate limits get their own test with low limits.
        foreach (var policy in new[] { "signup", "posting", "voting", "flagging", "preview", "views", "figures" })
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "100000");
        }
        builder.UseSetting("Notifications:DigestEnabled", "false");
        // Most tests arrange rows directly in the database between reads; ReadCacheTests turn the cache on.
        builder.UseSetting("Caching:Reads", "false");
        builder.UseSetting("Caching:PopularitySeconds", "0");
        // No test reaches the real arXiv or Crossref: nothing listens on the discard port.
        foreach (var service in new[] { "Arxiv", "Crossref", "DataCite" }) builder.UseSetting($"Import:{service}BaseUrl", "http://127.0.0.1:9/");
        // A busy test machine must not cut a test's .bib file short; BibTimeLimitTests sets its own limit.
        builder.UseSetting("Import:BibTimeLimitSeconds", "600");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>
    /// A scope for arranging rows directly in the database. Rows written behind the API's back are a change nobody
    /// traced, so every stored paper page goes out of date afterwards, as after such a change in the API.
    /// </summary>
    public async Task WithDbAsync(Func<ShortScienceDb, Task> action) => await WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    public async Task<T> WithDbAsync<T>(Func<ShortScienceDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
        var result = await action(db);
        await global::ShortScience.Api.Papers.PaperDocuments.EverythingChangedAsync(db, CancellationToken.None);
        return result;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
        Directory.Delete(MailFolder, recursive: true);
    }
}
