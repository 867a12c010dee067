using System.Net;
using System.Net.Http.Json;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

/// <summary>
/// Behind a balancer every API replica sees the same sign-in failures and the same count of account mail: requests
/// spread over two hosts on one database lock a name after five failures and send an inbox five mails, not ten.
/// </summary>
public sealed class SharedLimitsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TwoReplicasShareTheSignInLockoutAndTheMailLimit()
    {
        await app.ManyMembersAsync("shared", 2);
        using var other = app.WithWebHostBuilder(_ => { });
        HttpClient[] replicas = [app.CreateClient(), other.CreateClient()];

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await replicas[i % 2].PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("shared0", $"wrong {i}"))).StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await replicas[1].PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("shared0", TestAccounts.Password))).StatusCode);

        for (var i = 0; i < AccountMailQueue.MailsPerWindow * 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted,
                (await replicas[i % 2].PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("shared1@example.org"))).StatusCode);
        }
        // Each answer waits for its mail (or for the fixed answer time): by now every mail that goes has gone.
        int Count() => Directory.GetFiles(app.MailFolder, "*.eml").Count(f => File.ReadAllText(f).Contains("To: shared1@example.org", StringComparison.OrdinalIgnoreCase));
        for (var attempt = 0; attempt < 250 && Count() < AccountMailQueue.MailsPerWindow; attempt++) await Task.Delay(20);
        Assert.Equal(AccountMailQueue.MailsPerWindow, Count());
    }
}
