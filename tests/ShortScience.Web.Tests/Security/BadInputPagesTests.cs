using System.Net;
using System.Net.Http.Json;
using ShortScience.Contracts;

namespace ShortScience.Web.Tests.Security;

/// <summary>
/// A malformed address, a form that cannot be read, a hostile return address, a huge upload: each is the asker's
/// mistake and gets its 4xx with a readable page (never a 500, never a bare status), and a redirect never leaves the site.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class BadInputPagesTests(SiteFixture site)
{
    const string Paper = "1706.03762";

    async Task<PaperDetail> DemoPaperAsync()
    {
        using var api = new HttpClient { BaseAddress = site.Api.Address };
        return (await api.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{Paper}"))!;
    }

    /// <summary>A page a person can read: the site's layout with a heading saying what went wrong.</summary>
    internal static async Task AssertReadableRefusalAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{what} answered {status}: {html[..Math.Min(html.Length, 400)]}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.Contains("<article class=\"notice\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedAddressesAnswerAReadable4xxPage()
    {
        var paper = await DemoPaperAsync();
        var summary = paper.Summaries[0].Id;
        var addresses = new[]
        {
            "/?cursor=abc", "/?cursor=%25%25%25", "/?cursor=" + new string('A', 3000),
            $"/tags/{Uri.EscapeDataString(paper.Keywords.FirstOrDefault() ?? "x")}?cursor=abc",
            $"/years/{paper.Year ?? 2017}?cursor=abc",
            $"/authors/{paper.Authors[0].Slug}?cursor=abc",
            $"/venues/{paper.Venue!.Slug}?cursor=abc", $"/venues/{paper.Venue.Slug}/{paper.Year}?cursor=not-a-cursor",
            $"/papers/{Paper}/summaries/{summary}/diff?from=abc", $"/papers/{Paper}/summaries/{summary}/diff?from=1&to=x",
            $"/papers/{Paper}/summaries/{summary}?revision=abc",
            "/search?q=attention&from=abc", "/questions?all=maybe",
            "/venue?key=x&year=abc", "/venue?key=nips&year=99999999999",
            "/no/such/page", "/papers/no-such-paper",
        };
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        foreach (var address in addresses)
        {
            await AssertReadableRefusalAsync(await http.GetAsync(address), address);
        }
    }

    /// <summary>
    /// A listing's download is named after what its address names (a tag, a person, a key): control characters,
    /// quotes and slashes there must not reach the Content-Disposition header (Kestrel refused such a header: a 500).
    /// </summary>
    [Theory]
    [InlineData("/tags/%01nlp.bib", "nlp.bib")]
    [InlineData("/tags/a%0Ab.ris", "a-b.ris")]
    [InlineData("/tags/%22%3B%20x.json", "x.json")]
    [InlineData("/authors/%E2%80%AE%01.bib", "shortscience.bib")]
    public async Task ListingDownloadsOfHostileNamesGetSafeFileNames(string address, string fileName)
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var response = await http.GetAsync(address);
        Assert.True((int)response.StatusCode < 500, $"{address}: {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK) Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    /// <summary>A search the API refuses (a cursor it never handed out, a query past the limit) is a 4xx page that keeps the box to fix it.</summary>
    [Theory]
    [InlineData("/search?q=attention&cursor=abc")]
    [InlineData("/search?q=attention&cursor=MjAwOjA")] // "200:0", beyond the window of results
    public async Task ASearchTheApiRefusesIsA4xxPageWithTheSearchBox(string address)
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var response = await http.GetAsync(address);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{address}: {(int)response.StatusCode}");
        Assert.Contains("class=\"problem\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"q\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSearchBoxHintShowsItsQuotesAsQuotes()
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var html = await http.GetStringAsync("/search?q=a");
        Assert.Contains("a phrase", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;quot;", html, StringComparison.Ordinal);
    }

    /// <summary>A search download the API refuses is a readable 400 page that says why, not "not found".</summary>
    [Theory]
    [InlineData("/search.bib?q=x&from=3000&to=1000")]
    [InlineData("/search.ris?q=x&from=abc")]
    [InlineData("/search.json?q=x&summarized=maybe")]
    public async Task ASearchDownloadTheApiRefusesIsAReadable400(string address)
    {
        using var http = new HttpClient { BaseAddress = site.WebUrl };
        var response = await http.GetAsync(address);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not found", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenGetsAReadable400Page()
    {
        await site.CreateMemberAsync("no-token-poster");
        using var member = await FormPosts.SignedInAsync(site, "no-token-poster");
        using var stranger = new FormPosts(site.WebUrl);
        foreach (var (client, path) in new[] { (stranger, "/account/login"), (member, "/actions/comment"), (member, "/account/logout"), (member, "/add") })
        {
            var response = await client.PostAsync(path, new() { ["summaryId"] = "1", ["markdown"] = "hello", ["_handler"] = "quick" }, withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await AssertReadableRefusalAsync(response, path);
            Assert.Contains("reload the page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FormPostsWithJunkIdsMissingFieldsOrNulAnswerAReadable4xx()
    {
        await site.CreateMemberAsync("junk-poster");
        using var member = await FormPosts.SignedInAsync(site, "junk-poster");
        var posts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ("/actions/comment", new() { ["summaryId"] = "abc", ["markdown"] = "hi" }),
            ("/actions/comment", new() { ["markdown"] = "no summary" }),
            ("/actions/comment/delete", new() { ["id"] = "abc" }),
            ("/actions/vote", new() { ["targetType"] = "summary", ["id"] = "abc", ["value"] = "1" }),
            ("/actions/vote", new() { ["targetType"] = "summary", ["id"] = "1", ["value"] = "x" }),
            ("/actions/flag", new() { ["targetId"] = "1" }),
            ("/actions/moderation/flags/abc/dismiss", new()),
            ("/actions/moderation/edits/abc/apply", new()),
            ("/actions/moderation/moderators/grant", new()),
        };
        foreach (var (path, fields) in posts)
        {
            await AssertReadableRefusalAsync(await member.PostAsync(path, fields), $"{path} {string.Join('&', fields)}");
        }

        // NUL and other characters no one types reach the API, which refuses them; the form says so, nothing fails.
        var nul = await member.PostAsync("/actions/flag", new()
        {
            ["targetType"] = "paper\0", ["targetId"] = $"{Paper}\0", ["reason"] = "a\0b", ["returnUrl"] = "/\0/evil.example",
        });
        Assert.True((int)nul.StatusCode is >= 300 and < 500, $"{(int)nul.StatusCode}");
        if (nul.StatusCode == HttpStatusCode.Redirect) Assert.Equal("/", nul.Headers.Location!.OriginalString);
    }

    public static TheoryData<string> HostileReturnUrls() =>
    [
        "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
        "/\r\n/evil.example", " //evil.example", "https://evil.example", "http:evil.example", "javascript:alert(1)",
        "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "%2F%2Fevil.example", "/%09/evil.example",
        "/%2F/evil.example", "/%5Cevil.example", "~/evil", "/\u3000/evil.example", "/\u0000/evil.example",
        "/\u200B/evil.example", "\u2215\u2215evil.example", "/evil.example\\@site", "",
    ];

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task EveryReturnAddressEndsUpOnTheSite(string returnUrl)
    {
        // Signed out, the logout form redirects straight to its return address: the simplest form to probe it with.
        using var stranger = new FormPosts(site.WebUrl);
        await stranger.TakeTokenAsync("/account/login");
        var response = await stranger.PostAsync("/account/logout", new() { ["returnUrl"] = returnUrl });

        // A form the server cannot even read (NUL in a field) is refused with a readable page; anything else goes home or stays on the site.
        if (returnUrl.Contains('\0', StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest)
        {
            await AssertReadableRefusalAsync(response, returnUrl);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        var landed = new Uri(site.WebUrl, location);
        Assert.Equal(site.WebUrl.Authority, landed.Authority);
        Assert.Equal(site.WebUrl.Scheme, landed.Scheme);
        var raw = location.OriginalString;
        Assert.StartsWith("/", raw, StringComparison.Ordinal);
        Assert.False(raw.StartsWith("//", StringComparison.Ordinal) || raw.Contains('\\') || raw.Any(char.IsControl), raw);
        Assert.All(raw, c => Assert.True(c is > ' ' and < (char)127, raw));
    }

    [Fact]
    public async Task ANonAsciiReturnAddressIsKeptEncoded()
    {
        using var stranger = new FormPosts(site.WebUrl);
        await stranger.TakeTokenAsync("/account/login");
        var response = await stranger.PostAsync("/account/logout", new() { ["returnUrl"] = "/tags/café?q=naïve" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tags/caf%C3%A9?q=na%C3%AFve", response.Headers.Location!.OriginalString);
        // And the sign-in page, which reads its return address from the query, answers a page rather than failing.
        var login = await stranger.GetAsync("/account/login?returnUrl=%2Ftags%2Fcaf%C3%A9");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task AFiftyMegabyteUploadAnswers413WithAReadablePage()
    {
        await site.CreateMemberAsync("big-uploader");
        using var member = await FormPosts.SignedInAsync(site, "big-uploader");
        await member.TakeTokenAsync("/add");
        var big = new byte[50 * 1024 * 1024];
        Array.Fill(big, (byte)'%');
        foreach (var path in new[] { "/add", "/actions/comment" })
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(member.Token), "__RequestVerificationToken" },
                { new StringContent("bibfile"), "_handler" },
                { new ByteArrayContent(big), "file", "huge.bib" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
            request.Headers.ExpectContinue = true;
            var response = await member.SendAsync(request);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            await AssertReadableRefusalAsync(response, path);
            Assert.Contains("Too large to accept", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An upload sent without a length (chunked) past the Web host's limit is cut off by the Web host itself, not the
    /// API. The editor and other API clients read problem details, so that refusal is one too, naming the limit of
    /// the address (figures: 10 MB), rather than the pages' HTML naming the forms' 8 MB.
    /// </summary>
    [Fact]
    public async Task AnOverSizeUploadWithoutALengthThroughTheWebOriginIsAProblemNamingTheLimit()
    {
        await site.CreateMemberAsync("chunked-uploader");
        using var member = await FormPosts.SignedInAsync(site, "chunked-uploader");
        // Written by hand: HttpClient stops at the broken pipe when the host answers and closes before the body is
        // all sent, as a browser's fetch does not.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(site.WebUrl.Host, site.WebUrl.Port);
        var stream = tcp.GetStream();
        var head = "POST /api/v1/figures HTTP/1.1\r\n" + $"Host: {site.WebUrl.Authority}\r\n" + $"Cookie: {member.CookieHeader}\r\n"
            + "X-ShortScience-Upload: 1\r\nContent-Type: multipart/form-data; boundary=cut\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var reading = ReadToCloseAsync(stream);
        var part = System.Text.Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n");
        var chunk = new byte[64 * 1024];
        try
        {
            await WriteChunkAsync(stream, part);
            for (var sent = 0; sent < 30 * 1024 * 1024 && !reading.IsCompleted; sent += chunk.Length) await WriteChunkAsync(stream, chunk);
        }
        catch (IOException)
        {
            // The host closed the connection after answering: what the answer says is below.
        }
        var answer = await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("10 MB", answer, StringComparison.Ordinal);
    }

    static async Task WriteChunkAsync(Stream stream, byte[] bytes)
    {
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"));
        await stream.WriteAsync(bytes);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    /// <summary>Everything the host sends until it closes the connection (or stops after a whole answer).</summary>
    static async Task<string> ReadToCloseAsync(Stream stream)
    {
        var answer = new System.Text.StringBuilder();
        var buffer = new byte[16 * 1024];
        try
        {
            for (int read; (read = await stream.ReadAsync(buffer)) > 0;)
            {
                answer.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
                var text = answer.ToString();
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end > 0 && System.Text.RegularExpressions.Regex.Match(text[..end], @"Content-Length:\s*(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } length
                    && System.Text.Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(length.Groups[1].Value))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer: keep what came.
        }
        return answer.ToString();
    }
}
