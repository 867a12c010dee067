using Microsoft.AspNetCore.Http.Json;
using Serilog;
using ShortScience.Api.Demo;
using ShortScience.Api.Health;
using ShortScience.Api.Rendering;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Extensions;

public static class ApiServiceExtensions
{
    public static void AddApiServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("ShortScience")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:ShortScience is not set. Start the site with ./run.sh, or set ConnectionStrings__ShortScience.");

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        builder.Services.AddShortScienceData(connectionString);
        builder.AddRendering();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddIdentityCore<User>(options => options.User.RequireUniqueEmail = true)
            .AddRoles<Role>()
            .AddEntityFrameworkStores<ShortScienceDb>();

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 32);
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }
}
