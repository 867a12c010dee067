using ShortScience.Balancer;
using ShortScience.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSharedLogging();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var settings = builder.Configuration.GetSection("Balancer").Get<BalancerSettings>() ?? new BalancerSettings();
// A replica on one of this balancer's own ports would have it forward to itself without end.
var ownPorts = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "")
    .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u.Replace("+", "localhost").Replace("*", "localhost")).Port).ToHashSet();
if (settings.Web.Concat(settings.Api).Select(a => new Uri(a)).FirstOrDefault(a => ownPorts.Contains(a.Port) && (a.IsLoopback || a.Host == "localhost")) is { } self)
{
    throw new InvalidOperationException($"Replica {self} is this balancer's own address.");
}
builder.Services.AddReverseProxy().LoadFromMemory(BalancerRoutes.Routes(settings), BalancerRoutes.Clusters(settings));
builder.Services.AddSingleton<MatcherPolicy>(new ApiPortPolicy(settings.ApiPort));
builder.Services.AddDraining(builder.Configuration);

var app = builder.Build();
app.MapHealthEndpoints();
app.MapReverseProxy(proxy =>
{
    proxy.UseMiddleware<RetryOnAnotherReplica>();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();
