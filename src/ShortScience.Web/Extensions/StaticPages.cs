using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace ShortScience.Web.Extensions;

/// <summary>
/// Every page but the summary editor renders no interactive component, so it has no component state for a circuit
/// to pick up. ASP.NET Core still serializes and seals (Data Protection) that state into every page when the app has
/// exactly one interactive render mode configured: 6% of an uncached paper page's time, for a comment nobody reads.
/// Endpoints of the other pages are told that no render mode is configured for them, which makes the framework skip
/// it (and refuse, loudly, an interactive component added to such a page later).
/// </summary>
/// <remarks>
/// The metadata type that says so is internal to ASP.NET Core, so it is found by name; should a framework update
/// rename it, pages keep their state comment and nothing else changes.
/// </remarks>
public static class StaticPages
{
    static readonly object? NoRenderModes = typeof(RazorComponentsEndpointConventionBuilder).Assembly
        .GetType("Microsoft.AspNetCore.Components.Endpoints.ConfiguredRenderModesMetadata") is { } type
        && type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(IComponentRenderMode[])]) is { } constructor
            ? constructor.Invoke([Array.Empty<IComponentRenderMode>()])
            : null;

    /// <summary>Whether this framework version let the pages skip their component state.</summary>
    public static bool Active => NoRenderModes is not null;

    /// <summary>Pages other than <paramref name="interactive"/> carry no component state.</summary>
    public static RazorComponentsEndpointConventionBuilder WithStateOnlyOn(this RazorComponentsEndpointConventionBuilder builder, params Type[] interactive)
    {
        if (NoRenderModes is null) return builder;
        builder.Add(endpoint =>
        {
            var page = endpoint.Metadata.OfType<ComponentTypeMetadata>().LastOrDefault()?.Type;
            if (page is not null && !interactive.Contains(page)) endpoint.Metadata.Add(NoRenderModes);
        });
        return builder;
    }
}
