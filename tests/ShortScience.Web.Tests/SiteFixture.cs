extern alias api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Testing;
using ApiProgram = api::Program;
using DemoSeeder = api::ShortScience.Api.Demo.DemoSeeder;

namespace ShortScience.Web.Tests;

/// <summary>
/// The whole site as a person reaches it: the real API on a fresh PostgreSQL database with the demo
/// content, and the real Web host talking to it over HTTP, both on loopback ports.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public ApiHost Api { get; private set; } = null!;
    public WebHost Web { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public Uri WebUrl => Web.Address;

    /// <summary>Where the API writes the mail it would send (confirmation and reset links).</summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("shortscience-site-mail-").FullName;

    /// <summary>Recorded arXiv/Crossref/DataCite answers the API imports from.</summary>
    public FakeScholarlyServices Upstream { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("site");
        await Upstream.StartAsync();
        Api = new ApiHost(ConnectionString, MailFolder, Upstream.Settings);
        Api.StartServer();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
        Web = new WebHost(Api.Address);
        Web.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await Api.DisposeAsync();
        await Upstream.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
        Directory.Delete(MailFolder, recursive: true);
    }

    internal static Uri AddressOf(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

public sealed class ApiHost : WebApplicationFactory<ApiProgram>
{
    readonly string _connectionString;
    readonly string _mailFolder;
    readonly Dictionary<string, string> _settings;

    public ApiHost(string connectionString, string mailFolder, Dictionary<string, string> settings)
    {
        _connectionString = connectionString;
        _mailFolder = mailFolder;
        _settings = settings;
        UseKestrel(0);
    }

    public Uri Address => SiteFixture.AddressOf(Services);

    /// <summary>The path of every request the API has received, to prove what was answered without it.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RequestRecorder(Requests)));
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ShortScience", _connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Mail:PickupFolder", _mailFolder);
        builder.UseSetting("Site:PublicUrl", "http://site.test");
        // Browser tests sign up many people from one address; the limits have API tests of their own.
        foreach (var policy in new[] { "signup", "posting", "voting", "flagging", "preview", "views" })
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "100000");
        }
        builder.UseSetting("Notifications:DigestEnabled", "false");
        // A busy test machine must not cut a test's .bib file short.
        builder.UseSetting("Import:BibTimeLimitSeconds", "600");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}

sealed class RequestRecorder(System.Collections.Concurrent.ConcurrentQueue<string> requests) : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(following => context =>
        {
            requests.Enqueue(context.Request.Path.Value ?? "");
            return following(context);
        });
        next(app);
    };
}

public sealed class WebHost : WebApplicationFactory<Program>
{
    readonly Uri _api;
    readonly string _environment;

    readonly Action<IServiceCollection>? _services;
    readonly string _logLevel;

    public WebHost(Uri api, string environment = "Testing", Action<IServiceCollection>? services = null, string logLevel = "Warning")
    {
        _api = api;
        _environment = environment;
        _services = services;
        _logLevel = logLevel;
        UseKestrel(0);
    }

    public Uri Address => SiteFixture.AddressOf(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Api:BaseUrl", _api.ToString());
        builder.UseSetting("Serilog:MinimumLevel:Default", _logLevel);
        if (_services is not null) builder.ConfigureServices(_services);
    }
}
