namespace ShortScience.Api.Papers;

public static class PaperServices
{
    /// <summary>Editing a paper's facts (proposals, history) and its stored anonymous page.</summary>
    public static void AddPapers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PaperEditor>();
        builder.Services.AddSingleton<PaperDocuments>();
    }
}
