using Microsoft.AspNetCore.Components;

namespace ShortScience.Web.Components.Shared;

public static class SiteAddress
{
    /// <summary>An absolute address on this site: Site:PublicUrl when configured (behind a proxy), else the request's origin.</summary>
    public static string Absolute(this NavigationManager navigation, IConfiguration configuration, string path) =>
        (configuration["Site:PublicUrl"] is { Length: > 0 } site ? site.TrimEnd('/') : navigation.BaseUri.TrimEnd('/')) + path;
}
