using ShortScience.Api.Operations;
using ShortScience.Api.Extensions;
using ShortScience.Core.Rendering.Tex;

// The math worker: this executable started by the API itself to run V8 (KaTeX, MathJax) outside the API's process.
if (args is [MathWorker.Argument, var engines])
{
    Environment.ExitCode = MathWorker.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), int.Parse(engines));
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddApiServices();

var app = builder.Build();

// Commands run against the configured database and exit: migrate, seed-demo, backup, restore, export.
if (args.Length > 0 && await app.RunCommandAsync(args))
{
    return; // with the exit code the command set
}

app.UseApiPipeline();
app.MapApiEndpoints();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
