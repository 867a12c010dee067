using Microsoft.AspNetCore.Components.Endpoints;

namespace ShortScience.Web.Components;

/// <summary>
/// Marks a page that hosts an interactive island. Only such pages load Blazor's script (≈ 56 KB compressed, parsed
/// and run on every visit); reading pages are plain HTML whose links and forms work without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InteractiveAttribute : Attribute
{
    /// <summary>Whether the page being rendered asked for Blazor's script.</summary>
    public static bool IsOn(HttpContext? context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type
            .IsDefined(typeof(InteractiveAttribute), inherit: false) == true;
}
