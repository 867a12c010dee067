using ShortScience.Balancer;
using ShortScience.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSharedLogging();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var settings = builder.Configuration.GetSection("Balancer").Get<BalancerSettings>() ?? new BalancerSettings();
builder.Services.AddReverseProxy().LoadFromMemory(BalancerRoutes.Routes(settings), BalancerRoutes.Clusters(settings));
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
