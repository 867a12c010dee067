using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Tests;

/// <summary>Accounts made through the real API: register, confirm through the emailed link, sign in.</summary>
public static partial class TestAccounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<HttpResponseMessage> RegisterAsync(this ApiFactory app, string name, string password = Password) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest(name, $"{name}@example.org", password, $"{name} Display"));

    /// <summary>The newest mail sent to <paramref name="email"/>, as raw text.</summary>
    public static async Task<string> LastMailToAsync(this ApiFactory app, string email)
    {
        for (var attempt = 0; attempt < 250; attempt++) // up to 5 s: the mail queue is slow on a loaded machine
        {
            foreach (var file in Directory.GetFiles(app.MailFolder, "*.eml").OrderDescending())
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase)) return text;
            }
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"No mail to {email}");
    }

    public static string LinkIn(string mail) => LinkPattern().Match(mail).Value;

    public static Dictionary<string, string> QueryOf(string link) =>
        new Uri(link).Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    public static async Task ConfirmAsync(this ApiFactory app, string name)
    {
        var query = QueryOf(LinkIn(await app.LastMailToAsync($"{name}@example.org")));
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/confirm-email",
            new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"]));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<TokenResponse> LoginAsync(this ApiFactory app, string name, string password = Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public static HttpClient ClientWith(this ApiFactory app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A confirmed member, signed in: the usual starting point for writing tests.</summary>
    public static async Task<HttpClient> MemberAsync(this ApiFactory app, string name)
    {
        (await app.RegisterAsync(name)).EnsureSuccessStatusCode();
        await app.ConfirmAsync(name);
        return app.ClientWith((await app.LoginAsync(name)).AccessToken);
    }

    /// <summary>A confirmed member who has been made a moderator (roles are read fresh on every request).</summary>
    public static async Task<HttpClient> ModeratorAsync(this ApiFactory app, string name)
    {
        var client = await app.MemberAsync(name);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByNameAsync(name);
        await users.AddToRoleAsync(user!, Roles.Moderator);
        return client;
    }

    /// <summary>
    /// Many confirmed members at once, written straight to the database with one shared password hash (hashing
    /// is deliberately slow), then signed in through the API.
    /// </summary>
    public static async Task<List<HttpClient>> ManyMembersAsync(this ApiFactory app, string prefix, int count)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShortScience.Data.ShortScienceDb>();
            var hash = new PasswordHasher<User>().HashPassword(new User(), Password);
            var memberRole = db.Roles.Single(r => r.Name == Roles.Member).Id;
            for (var i = 0; i < count; i++)
            {
                var name = $"{prefix}{i}";
                var user = new User
                {
                    Id = Guid.NewGuid(), UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@example.org",
                    NormalizedEmail = $"{name}@example.org".ToUpperInvariant(), EmailConfirmed = true, DisplayName = name,
                    PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UtcNow,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = memberRole });
            }
            await db.SaveChangesAsync();
        }
        // Password checks are slow on purpose; a few at a time keeps the other test classes moving.
        var clients = new HttpClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => clients[i] = app.ClientWith((await app.LoginAsync($"{prefix}{i}")).AccessToken));
        return [.. clients];
    }

    /// <summary>Signed in but email not confirmed: a reader, who may not write.</summary>
    public static async Task<HttpClient> ReaderAsync(this ApiFactory app, string name)
    {
        (await app.RegisterAsync(name)).EnsureSuccessStatusCode();
        return app.ClientWith((await app.LoginAsync(name)).AccessToken);
    }

    [GeneratedRegex(@"http://site\.test/\S+")]
    private static partial Regex LinkPattern();
}
