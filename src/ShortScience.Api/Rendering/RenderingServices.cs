using ShortScience.Core.Rendering;
using ShortScience.Core.Rendering.Tex;

namespace ShortScience.Api.Rendering;

/// <summary>
/// The renderer and what surrounds it: configuration ("Rendering" section), citation lookup, problem details for refused texts, and the start-up re-render of stale stored HTML.
/// </summary>
public static class RenderingServices
{
    public static void AddRendering(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Rendering");
        var options = section.Get<RendererOptions>() ?? new RendererOptions();
        // Formulas render in a math worker process unless "Rendering:MathWorker" is false (see MathWorker).
        var worker = section.GetValue("MathWorker", true);
        builder.Services.AddSingleton<IMarkdownRenderer>(services => new MarkdownRenderer(options,
            worker ? MathWorkerCommand(services.GetRequiredService<ILoggerFactory>().CreateLogger("ShortScience.MathWorker")) : null));
        builder.Services.AddScoped<CitationLookup>();
        builder.Services.AddScoped<ShortScience.Api.CitedBy.CitationIndex>();
        builder.Services.AddScoped<ShortScience.Api.CitedBy.CitationCatchUp>();
        builder.Services.AddScoped<ContentRenderer>();
        builder.Services.AddScoped<StaleContentRerenderer>();
        builder.Services.AddHostedService<RerenderOnStartService>();
        builder.Services.AddExceptionHandler<RenderRefusedHandler>();
    }

    /// <summary>
    /// This executable with the worker's argument: the apphost when the API runs as one, else the .NET host with the
    /// API's assembly (also when the API runs inside a test host, whose own entry point is not the API).
    /// </summary>
    public static MathWorkerStart MathWorkerCommand(ILogger log)
    {
        var api = typeof(Program).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        var (file, arguments) =
            name == Path.GetFileNameWithoutExtension(api) ? (process, new List<string>())
            : name == "dotnet" ? (process, [api])
            : (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", [api]);
        arguments.Add(MathWorker.Argument);
        return new MathWorkerStart(file, arguments, line => log.LogWarning("Math worker: {Line}", line));
    }
}
