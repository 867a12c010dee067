using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ShortScience.Api.Tests.Security;

/// <summary>
/// Bodies, ids and keys no client should send, at every route: the answer is always a 4xx problem detail
/// (or an ordinary answer), never a 500, and a refused write leaves nothing behind.
/// </summary>
public sealed class HostileInputTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    static readonly (string Name, byte[] Bytes)[] Bodies =
    [
        ("invalid UTF-8", [0x7B, 0x22, 0x6D, 0x61, 0x72, 0x6B, 0x64, 0x6F, 0x77, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]),
        ("NUL bytes", Encoding.UTF8.GetBytes("""{"markdown":"a\u0000b","title":"x\u0000","reason":"\u0000","displayName":"\u0000","value":1,"input":"\u0000"}""")),
        ("huge numbers", Encoding.UTF8.GetBytes("""{"value":99999999999999999999999999,"baseRevision":1e309,"parentId":-9223372036854775809,"year":2147483648}""")),
        ("deep JSON", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ("deep object", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200))),
        ("10,000-element arrays", Encoding.UTF8.GetBytes("{\"ids\":[" + string.Join(',', Enumerable.Range(0, 10_000)) + "],\"keys\":[" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"k{i}\"")) + "]}")),
        ("wrong types", Encoding.UTF8.GetBytes("""{"markdown":{"x":1},"value":"up","anonymous":"maybe","ids":"all"}""")),
        ("not JSON", Encoding.UTF8.GetBytes("<xml>&lt;</xml>")),
        ("empty", []),
        ("1 MB string", Encoding.UTF8.GetBytes("{\"markdown\":\"" + new string('a', 1_000_000) + "\"}")),
    ];

    // A NUL in the path never reaches the app: Kestrel refuses the request line (the test server cannot send it).
    static readonly string[] BadSegments =
    [
        "0", "-1", "99999999999999999999999", "..%2F..%2Fetc%2Fpasswd", "%C3%28", "%EF%BF%BF", new string('k', 5000),
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "' OR 1=1 --", "%E2%80%AE", "null",
    ];

    [Fact]
    public async Task HostileBodiesAtEveryWriteRouteAreRefusedAsProblemsNeverErrors()
    {
        var moderator = await app.ModeratorAsync("hostile-mod");
        var context = await MatrixContextFor();
        var countsBefore = await CountsAsync();
        var failures = new List<string>();

        foreach (var route in RouteTable.Of(app.Services).Where(r => r.StartsWith("POST", StringComparison.Ordinal) || r.StartsWith("PUT", StringComparison.Ordinal) || r.StartsWith("PATCH", StringComparison.Ordinal)))
        {
            if (route.EndsWith("/auth/logout", StringComparison.Ordinal)) continue;
            foreach (var (name, bytes) in Bodies)
            {
                var (method, path) = context.Request(route);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                using var response = await moderator.SendAsync(request);
                await Check(failures, $"{route} with {name}", response);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Whatever was refused wrote nothing: no summary, revision or comment appeared from these bodies.
        Assert.Equal(countsBefore, await CountsAsync());
    }

    [Fact]
    public async Task BadIdsAndKeysInEveryReadRouteAreAnswersNotErrors()
    {
        var moderator = await app.ModeratorAsync("hostile-reader");
        var failures = new List<string>();
        // The OpenAPI document route is the framework's own; its 404 is a plain one.
        foreach (var route in RouteTable.Of(app.Services).Where(r => r.StartsWith("GET /api", StringComparison.Ordinal) && r.Contains('{')))
        {
            foreach (var bad in BadSegments)
            {
                var path = System.Text.RegularExpressions.Regex.Replace(route[4..], @"\{[^}]+\}", bad).TrimEnd('/');
                using var response = await moderator.GetAsync(path);
                await Check(failures, $"GET {path[..Math.Min(path.Length, 80)]}", response);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task ABodyOverTheServerLimitIsRefusedBeforeItIsRead()
    {
        var member = await app.MemberAsync("hostile-big");
        using var content = new ByteArrayContent(new byte[7 * 1024 * 1024]);
        content.Headers.ContentType = new("application/json");

        var response = await member.PutAsync("/api/v1/papers/anything/summaries/mine", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    static async Task Check(List<string> failures, string what, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) failures.Add($"{what}: {status} {(await response.Content.ReadAsStringAsync())[..Math.Min(200, (int)(response.Content.Headers.ContentLength ?? 200))]}");
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{what}: {status} without problem details");
    }

    async Task<MatrixContext> MatrixContextFor()
    {
        await app.ManyMembersAsync("mx", 2);
        return await MatrixContext.CreateAsync(app, 1);
    }

    Task<(int, int, int)> CountsAsync() => app.WithDbAsync(async db =>
        (await db.Summaries.CountAsync(), await db.SummaryRevisions.CountAsync(), await db.Comments.CountAsync()));
}
