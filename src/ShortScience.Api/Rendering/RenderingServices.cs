using ShortScience.Core.Rendering;

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
        builder.Services.AddSingleton<IMarkdownRenderer>(_ => new MarkdownRenderer(options));
        builder.Services.AddScoped<CitationLookup>();
        builder.Services.AddScoped<ShortScience.Api.CitedBy.CitationIndex>();
        builder.Services.AddScoped<ContentRenderer>();
        builder.Services.AddScoped<StaleContentRerenderer>();
        builder.Services.AddHostedService<RerenderOnStartService>();
        builder.Services.AddExceptionHandler<RenderRefusedHandler>();
    }
}
