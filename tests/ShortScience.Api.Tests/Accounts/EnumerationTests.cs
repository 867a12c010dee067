using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

/// <summary>
/// Nobody learns whether an account exists: sign-up, sign-in and password reset answer alike (status, body, timing)
/// for addresses and names that have an account and for those that do not. Timings are medians of several tries,
/// interleaved, compared with a generous ratio so that a busy machine does not make them flaky; before the fix a
/// wrong password cost ~60 times more for a real account than for an unknown name.
/// </summary>
public sealed class EnumerationTests(ApiFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    const int Tries = 7;

    [Fact]
    public async Task SigningUpWithATakenAddressAnswersLikeAFreshSignUpAndMailsTheOwnerInstead()
    {
        (await app.RegisterAsync("en-owner")).EnsureSuccessStatusCode();
        var fresh = new List<(HttpResponseMessage, TimeSpan)>();
        var taken = new List<(HttpResponseMessage, TimeSpan)>();
        for (var i = 0; i < 5; i++)
        {
            fresh.Add(await TimedAsync(() => app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
                new RegisterRequest($"en-fresh{i}", $"en-fresh{i}@example.org", TestAccounts.Password, null))));
            taken.Add(await TimedAsync(() => app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
                new RegisterRequest($"en-again{i}", "EN-owner@example.org", TestAccounts.Password, null))));
        }

        foreach (var (response, _) in fresh.Concat(taken)) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (a, b) = (await MeOf(fresh[0].Item1), await MeOf(taken[0].Item1));
        Assert.Equal((a.EmailConfirmed, a.Banned, a.Bio, a.Affiliation, a.EmailNotifications), (b.EmailConfirmed, b.Banned, b.Bio, b.Affiliation, b.EmailNotifications));
        Assert.Equal(a.Roles, b.Roles);
        Assert.Equal(Shape(await fresh[0].Item1.Content.ReadAsStringAsync()), Shape(await taken[0].Item1.Content.ReadAsStringAsync()));
        Assert.Equal("/api/v1/users/en-again0", taken[0].Item1.Headers.Location?.OriginalString);
        AssertAlike("sign-up", fresh.Select(r => r.Item2), taken.Select(r => r.Item2));

        var mail = await app.LastMailToAsync("en-owner@example.org");
        Assert.Contains("Someone tried to sign up with your address", mail);
        Assert.Contains("http://site.test/account/forgot-password", mail);
        Assert.Contains("your user name is en-owner", mail);
    }

    [Fact]
    public async Task ATakenUserNameIsStillSaidBecauseNamesArePublicButNotTheAddressWithIt()
    {
        (await app.RegisterAsync("en-name")).EnsureSuccessStatusCode();

        var both = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("en-name", "en-name@example.org", TestAccounts.Password, null));

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var problem = await both.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("userName"));
        Assert.False(errors.ContainsKey("email"), problem.ToJsonString());
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownNameAnswerTheSameInTheSameTime()
    {
        await app.ManyMembersAsync("en-real", 4);
        var client = app.CreateClient();
        var real = new List<(HttpResponseMessage, TimeSpan)>();
        var unknown = new List<(HttpResponseMessage, TimeSpan)>();
        // Warm both paths once (first use of the hasher, JIT) before measuring.
        await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("en-real0", "warm up"));
        await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("en-warm", "warm up"));
        for (var i = 0; i < Tries; i++)
        {
            // Four accounts in turn and a new unknown name each time: five tries on one name lock it, either way.
            real.Add(await TimedAsync(() => client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest($"en-real{i % 4}", $"wrong {i}"))));
            unknown.Add(await TimedAsync(() => client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest($"en-nobody{i}", $"wrong {i}"))));
        }

        foreach (var (response, _) in real.Concat(unknown)) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(await BodyOf(real[0].Item1), await BodyOf(unknown[0].Item1));
        AssertAlike("sign-in", real.Select(r => r.Item2), unknown.Select(r => r.Item2));
    }

    [Fact]
    public async Task AnUnknownNameLocksAfterAsManyFailuresAsARealAccountAndAnswersAlike()
    {
        (await app.RegisterAsync("en-lockable")).EnsureSuccessStatusCode();
        (await app.RegisterAsync("en-lockmail")).EnsureSuccessStatusCode();
        var client = app.CreateClient();

        foreach (var (name, nobody) in new[] { ("en-lockable", "en-ghost"), ("en-lockmail@example.org", "en-ghostmail@example.org") })
        {
            var real = await TryAsync(client, name);
            var unknown = await TryAsync(client, nobody);

            Assert.Equal(real.Select(r => r.Status), unknown.Select(r => r.Status));
            Assert.Equal(HttpStatusCode.TooManyRequests, real[^1].Status);
            Assert.Equal(real.Select(r => r.Body), unknown.Select(r => r.Body));
            Assert.InRange(Math.Abs((real[^1].RetryAfter - unknown[^1].RetryAfter).TotalSeconds), 0, 5);
        }
    }

    /// <summary>
    /// Failures are counted per name as typed, not per account: five wrong passwords for a user name lock that name,
    /// and its owner's address still answers "wrong" (then signs in), exactly as an unrelated address does. Counted
    /// per account, the address answered "locked" and told a stranger whose it is.
    /// </summary>
    [Fact]
    public async Task LockingAUserNameDoesNotTellWhichAddressBelongsToIt()
    {
        (await app.RegisterAsync("en-linked")).EnsureSuccessStatusCode();
        (await app.RegisterAsync("en-other")).EnsureSuccessStatusCode();
        var client = app.CreateClient();

        var byName = await TryAsync(client, "en-linked");
        Assert.Equal(HttpStatusCode.TooManyRequests, byName[^1].Status);

        var owners = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("EN-Linked@example.org", "wrong password"));
        var strangers = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("en-other@example.org", "wrong password"));
        Assert.Equal(HttpStatusCode.Unauthorized, owners.StatusCode);
        Assert.Equal(await BodyOf(strangers), await BodyOf(owners));
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("en-linked@example.org", TestAccounts.Password))).StatusCode);
        // The name itself stays locked, in any case, even for the right password.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("EN-LINKED", TestAccounts.Password))).StatusCode);

        // The count is kept in the database (every replica sees it), and no typed address is kept in the clear.
        var keys = await app.WithDbAsync(db => db.SignInFailures.Select(f => f.Key).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
    }

    /// <summary>The lockout's answer says "or reset your password": a reset unlocks the name and the address at once.</summary>
    [Fact]
    public async Task AResetPasswordUnlocksTheNameAndTheAddress()
    {
        (await app.RegisterAsync("en-relock")).EnsureSuccessStatusCode();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(client, "en-relock"))[^1].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(client, "en-relock@example.org"))[^1].Status);

        (await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("en-relock@example.org"))).EnsureSuccessStatusCode();
        var query = TestAccounts.QueryOf(TestAccounts.LinkIn(await app.LastMailToAsync("en-relock@example.org")));
        (await client.PostAsJsonAsync("/api/v1/auth/reset-password", new ResetPasswordRequest(query["email"], query["code"], "a fresh start at last"))).EnsureSuccessStatusCode();

        foreach (var name in new[] { "en-relock", "en-relock@example.org" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, "a fresh start at last"))).StatusCode);
        }
    }

    [Fact]
    public async Task AskingForAPasswordResetAnswersTheSameInTheSameTimeForKnownAndUnknownAddresses()
    {
        await app.ManyMembersAsync("en-reset", 1);
        var client = app.CreateClient();
        var known = new List<(HttpResponseMessage, TimeSpan)>();
        var unknown = new List<(HttpResponseMessage, TimeSpan)>();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("en-warm@example.org"));
        for (var i = 0; i < Tries; i++)
        {
            known.Add(await TimedAsync(() => client.PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("en-reset0@example.org"))));
            unknown.Add(await TimedAsync(() => client.PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest($"en-nobody{i}@example.org"))));
        }

        foreach (var (response, _) in known.Concat(unknown)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(await known[0].Item1.Content.ReadAsStringAsync(), await unknown[0].Item1.Content.ReadAsStringAsync());
        AssertAlike("password reset", known.Select(r => r.Item2), unknown.Select(r => r.Item2));
        Assert.Contains("/account/reset-password?", await app.LastMailToAsync("en-reset0@example.org"));
    }

    static async Task<List<(HttpStatusCode Status, string Body, TimeSpan RetryAfter)>> TryAsync(HttpClient client, string name)
    {
        var answers = new List<(HttpStatusCode, string, TimeSpan)>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, $"wrong password {i}"));
            answers.Add((response.StatusCode, await BodyOf(response), response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero));
        }
        return answers;
    }

    /// <summary>Medians within a factor of 3 of each other, or within 25 ms (tiny answers are all noise).</summary>
    void AssertAlike(string what, IEnumerable<TimeSpan> known, IEnumerable<TimeSpan> unknown)
    {
        double a = Median(known), b = Median(unknown);
        output.WriteLine($"{what}: median {a:F1} ms with an account, {b:F1} ms without");
        var ratio = Math.Max(a, b) / Math.Max(0.001, Math.Min(a, b));
        Assert.True(ratio < 3 || Math.Abs(a - b) < 25, $"{what}: median {a:F1} ms for real accounts, {b:F1} ms for unknown ones");
    }

    static double Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    static async Task<(HttpResponseMessage, TimeSpan)> TimedAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        var response = await call();
        await response.Content.LoadIntoBufferAsync();
        return (response, watch.Elapsed);
    }

    static async Task<Me> MeOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<Me>())!;

    /// <summary>The problem's body without its per-request trace id.</summary>
    static async Task<string> BodyOf(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    /// <summary>The JSON's property names, recursively: two answers of the same shape.</summary>
    static string Shape(string json) => string.Join(",", Names(JsonDocument.Parse(json).RootElement));

    static IEnumerable<string> Names(JsonElement e) => e.ValueKind == JsonValueKind.Object
        ? e.EnumerateObject().SelectMany(p => Names(p.Value).Select(n => $"{p.Name}.{n}").Prepend(p.Name))
        : [];
}
