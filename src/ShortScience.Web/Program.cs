using ShortScience.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebServices();

var app = builder.Build();
app.UseWebPipeline();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
