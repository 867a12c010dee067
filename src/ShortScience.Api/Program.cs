using ShortScience.Api.Operations;
using ShortScience.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();

var app = builder.Build();

// Commands run against the configured database and exit: migrate, seed-demo, backup, restore, export.
if (args.Length > 0 && await app.RunCommandAsync(args))
{
    return;
}

app.UseApiPipeline();
app.MapApiEndpoints();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
