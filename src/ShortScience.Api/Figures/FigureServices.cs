namespace ShortScience.Api.Figures;

public static class FigureServices
{
    public static void AddFigures(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Figures");
        builder.Services.Configure<FigureOptions>(section);
        builder.Services.AddSingleton<FigureProcessor>();
        builder.Services.AddScoped<FigureLibrary>();
        if (string.Equals(section["Store"], "FileSystem", StringComparison.OrdinalIgnoreCase))
            builder.Services.AddSingleton<IFigureStore, FileSystemFigureStore>();
        else
            builder.Services.AddScoped<IFigureStore, PostgresFigureStore>();
        builder.Services.AddHostedService<FigureJanitor>();
        builder.Services.Configure<RemoteFigureOptions>(section.GetSection("Remote"));
        builder.Services.AddScoped<RemoteFigures>();
        RemoteFigures.AddClient(builder.Services);
    }

    /// <summary>The largest request body anywhere in the API: a figure upload with its multipart envelope.</summary>
    public static long MaxUploadBodyBytes(IConfiguration configuration) =>
        configuration.GetValue("Figures:MaxUploadBytes", new FigureOptions().MaxUploadBytes) + FiguresApi.EnvelopeBytes;
}
