namespace ShortScience.Web.Components.Shared;

/// <summary>Where a form sends the person back to: only ever a page of this site.</summary>
public static class LocalUrl
{
    /// <summary>Only same-site paths: "/x" but not "//evil.example" or "/\\evil.example".</summary>
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    /// <summary>The post-redirect-get of a form: back to the page it was on, at the anchor of what it changed.</summary>
    public static IResult Back(string? returnUrl, string? anchor)
    {
        var url = OrHome(returnUrl);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        return TypedResults.Redirect(anchor is null ? url : $"{url}#{anchor}");
    }
}
