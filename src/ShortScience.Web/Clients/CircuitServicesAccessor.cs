using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ShortScience.Web.Clients;

/// <summary>
/// The services of the interactive circuit whose code is running, for code resolved in another DI scope (the
/// clients' <see cref="UserTokenHandler"/>); null outside a circuit, where the request's services apply.
/// The pattern of "Access server-side Blazor services from a different DI scope" in the ASP.NET Core docs.
/// </summary>
public sealed class CircuitServicesAccessor
{
    static readonly AsyncLocal<IServiceProvider?> CurrentServices = new();

    public IServiceProvider? Services
    {
        get => CurrentServices.Value;
        set => CurrentServices.Value = value;
    }
}

/// <summary>Sets <see cref="CircuitServicesAccessor.Services"/> for everything the circuit does in answer to the browser.</summary>
public sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
