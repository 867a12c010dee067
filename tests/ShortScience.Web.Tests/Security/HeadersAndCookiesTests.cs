using System.Net;
using System.Text.RegularExpressions;

namespace ShortScience.Web.Tests.Security;

[Collection(SiteCollection.Name)]
public sealed partial class HeadersAndCookiesTests(SiteFixture site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/papers/1706.03762")]
    [InlineData("/venues")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/no/such/page")]
    public async Task EveryPageCarriesAStrictContentSecurityPolicyAndNoInlineScript(string path)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(site.WebUrl, path));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'" })
        {
            Assert.Contains(directive, csp);
        }
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotMatch(@"script-src[^;]*unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        // Every script element loads a file (or is inert JSON-LD data): nothing inline to allow.
        var html = await response.Content.ReadAsStringAsync();
        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.True(script.Value.Contains(" src=", StringComparison.Ordinal) || script.Value.Contains("application/ld+json", StringComparison.Ordinal), script.Value);
        }
    }

    [Fact]
    public async Task ApiAnswersCannotBeRenderedAsPagesOrFramed()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(site.Api.Address, "/api/v1/papers/1706.03762"));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task InProductionCookiesAreHostPrefixedSecureHttpOnlyAndLax()
    {
        await site.CreateMemberAsync("cookie-monster");
        await using var production = new WebHost(site.Api.Address, "Production");
        production.StartServer();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        // As behind the TLS-terminating proxy a production site runs behind.
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await http.GetAsync(new Uri(production.Address, "/account/login"));
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-shortscience-af", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(production.Address, "/account/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.UserNameOrEmail"] = "cookie-monster", ["Input.Password"] = SiteAccounts.Password, ["Input.Remember"] = "true",
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var response = await http.SendAsync(post);
        Assert.True(response.Headers.Contains("Set-Cookie"), $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        var setCookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("__Host-shortscience=", StringComparison.Ordinal)
            || c.StartsWith("__Host-shortscienceC", StringComparison.Ordinal));
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InProductionPagesDemandHttpsAndDoNotNameTheServer()
    {
        await using var production = new WebHost(site.Api.Address, "Production");
        production.StartServer();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        foreach (var path in new[] { "/", "/account/login", "/no/such/page" })
        {
            // As a reader reaches it: by its public name, through the TLS-terminating proxy (HSTS skips localhost).
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(production.Address, path));
            request.Headers.Host = "shortscience.example";
            request.Headers.Add("X-Forwarded-Proto", "https");
            var response = await http.SendAsync(request);

            var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
            Assert.Matches(@"max-age=\d{7,}", hsts);
            Assert.False(response.Headers.Contains("Server"), path);
            Assert.False(response.Headers.Contains("X-Powered-By"), path);
            Assert.Contains("upgrade-insecure-requests", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                Assert.All(cookies, c =>
                {
                    Assert.StartsWith("__Host-", c, StringComparison.Ordinal);
                    Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
                });
            }
        }
        // Plain HTTP in front of nothing: no HSTS promise over an insecure answer, and still no server name.
        var plain = await http.GetAsync(new Uri(production.Address, "/"));
        Assert.False(plain.Headers.Contains("Server"));
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var response = await http.PostAsync(new Uri(site.WebUrl, "/account/logout"), new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
