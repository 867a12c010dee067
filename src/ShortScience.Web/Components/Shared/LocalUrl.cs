using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ShortScience.Web.Components.Shared;

/// <summary>Where a form sends the person back to: only ever a page of this site.</summary>
public static class LocalUrl
{
    /// <summary>
    /// Only a path of this site, by the framework's local-URL rules ("/x", not "//evil.example", "/\evil.example" or
    /// "https://evil.example"), and nothing a browser would clean up into another host: no control character (a
    /// browser drops tab and newline, so "/\t/evil.example" is "//evil.example") and no backslash anywhere. Anything
    /// else is the home page. Letters beyond ASCII are percent-encoded, so the answer fits a Location header.
    /// </summary>
    public static string OrHome(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || !RedirectHttpResult.IsLocalUrl(url)) return "/";
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsControl(c) || c == '\\') return "/";
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "/"; // half a character: not text
        }
        return EscapeBeyondAscii(url);
    }

    /// <summary>The post-redirect-get of a form: back to the page it was on, at the anchor of what it changed.</summary>
    public static IResult Back(string? returnUrl, string? anchor)
    {
        var url = OrHome(returnUrl);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        return TypedResults.Redirect(anchor is null ? url : $"{url}#{Uri.EscapeDataString(anchor)}");
    }

    static string EscapeBeyondAscii(string url)
    {
        if (url.All(char.IsAscii)) return url;
        var escaped = new StringBuilder(url.Length * 2);
        for (var i = 0; i < url.Length; i++)
        {
            if (char.IsAscii(url[i]))
            {
                escaped.Append(url[i]);
                continue;
            }
            var length = char.IsHighSurrogate(url[i]) && i + 1 < url.Length ? 2 : 1;
            escaped.Append(Uri.EscapeDataString(url.Substring(i, length)));
            i += length - 1;
        }
        return escaped.ToString();
    }
}
