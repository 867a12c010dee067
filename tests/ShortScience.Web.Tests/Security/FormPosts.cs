using System.Net;
using System.Text.RegularExpressions;

namespace ShortScience.Web.Tests.Security;

/// <summary>
/// A browser without a browser: an HTTP client that keeps cookies and posts forms the way a page's form would (with
/// the antiforgery token the page handed out), for tests that post hundreds of forms, with or without a person signed in.
/// </summary>
public sealed partial class FormPosts : IDisposable
{
    readonly HttpClient _http;
    readonly Uri _site;
    readonly CookieContainer _cookies = new();

    public FormPosts(Uri site, bool followRedirects = false)
    {
        _site = site;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = followRedirects })
        {
            BaseAddress = site, Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The antiforgery token of the page's first form (for the person signed in now).</summary>
    public string Token { get; private set; } = "";

    /// <summary>Signs <paramref name="name"/> in through the sign-in page's form, and keeps a token for later posts.</summary>
    public static async Task<FormPosts> SignedInAsync(SiteFixture site, string name, bool followRedirects = false)
    {
        var posts = new FormPosts(site.WebUrl, followRedirects);
        await posts.TakeTokenAsync("/account/login");
        var response = await posts.PostAsync("/account/login", new()
        {
            ["_handler"] = "login", ["Input.UserNameOrEmail"] = name, ["Input.Password"] = SiteAccounts.Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect && !followRedirects)
        {
            throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await posts.TakeTokenAsync("/account/settings");
        return posts;
    }

    /// <summary>Loads a page with a form and keeps its antiforgery token.</summary>
    public async Task TakeTokenAsync(string path)
    {
        var html = await (await _http.GetAsync(path)).Content.ReadAsStringAsync();
        Token = TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts the fields, with this client's antiforgery token unless <paramref name="withToken"/> is false.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        var body = new Dictionary<string, string>(fields);
        if (withToken && Token.Length > 0) body["__RequestVerificationToken"] = Token;
        return _http.PostAsync(path, new FormUrlEncodedContent(body));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>The Cookie header this client sends to the site (for requests written by hand).</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_site);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
