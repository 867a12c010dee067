using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Accounts;

public sealed class AccountsApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RegisteringSignsUpAReaderWhoBecomesAMemberByTheEmailedLink()
    {
        var registered = await app.RegisterAsync("newton");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var client = app.ClientWith((await app.LoginAsync("newton")).AccessToken);
        var before = await client.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Equal(["reader"], before!.Roles);
        Assert.False(before.EmailConfirmed);

        var mail = await app.LastMailToAsync("newton@example.org");
        Assert.Contains("http://site.test/account/confirm?userId=", mail);
        await app.ConfirmAsync("newton");

        var after = await client.GetFromJsonAsync<Me>("/api/v1/me");
        Assert.True(after!.EmailConfirmed);
        Assert.Contains("member", after.Roles);
        Assert.Equal("newton Display", after.DisplayName);
    }

    [Theory]
    [InlineData("iloveyou")]   // among the most common passwords
    [InlineData("PASSWORD1")]  // common, whatever the case
    [InlineData("short")]      // under 8 characters
    [InlineData("commonpw1")]  // equal to the user name
    public async Task WeakPasswordsAreRefusedWithAReasonOnThePasswordField(string password)
    {
        var response = await app.RegisterAsync("commonpw1", password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.True(problem!.Errors.ContainsKey("password"), string.Join("; ", problem.Errors.Keys));
    }

    /// <summary>/users/{name}.bib (.ris, .json) is that person's download: a name ending so would have no profile page.</summary>
    [Theory]
    [InlineData("ada.json")]
    [InlineData("bob.BIB")]
    [InlineData("cy.ris")]
    public async Task AUserNameEndingLikeADownloadIsRefused(string name)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest(name, $"{name.Replace('.', '-')}@example.org", TestAccounts.Password, null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("userName", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryProblemOfASignUpIsReportedInOneAnswer()
    {
        var all = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("x", "not-an-address", "iloveyou", null));
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        var problem = await all.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["email", "password", "userName"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("most common", problem.Errors["password"][0]);

        // Identity's own refusals come together too: a taken user name and a common password.
        (await app.RegisterAsync("twice-taken")).EnsureSuccessStatusCode();
        var both = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("twice-taken", "fresh@example.org", "PASSWORD1", null));
        var bothProblem = await both.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["password", "userName"], bothProblem!.Errors.Keys.Order(StringComparer.Ordinal));

        // Fields over their storage limits are told with the others, not alone.
        var overlong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest(new string('n', Limits.UserNameChars + 1), "not-an-address", "short", new string('d', Limits.DisplayNameChars + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        var overlongProblem = await overlong.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["displayName", "email", "password", "userName"], overlongProblem!.Errors.Keys.Order(StringComparer.Ordinal));
        var longPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest("x", "fresh2@example.org", new string('p', Limits.PasswordChars + 1), null));
        var longPasswordProblem = await longPassword.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["password", "userName"], longPasswordProblem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains($"at most {Limits.PasswordChars}", longPasswordProblem.Errors["password"][0]);
    }

    [Fact]
    public async Task LongPassphrasesWithoutDigitsOrSymbolsAreAccepted()
    {
        var passphrase = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over lazy dogs", 4)); // 163 characters
        var response = await app.RegisterAsync("longpass", passphrase);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(await app.LoginAsync("longpass", passphrase));
    }

    [Fact]
    public async Task ATakenUserNameIsRefusedButATakenEmailMakesNoSecondAccountAndSaysNothing()
    {
        (await app.RegisterAsync("taken")).EnsureSuccessStatusCode();

        var sameName = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("taken", "other@example.org", TestAccounts.Password, null));
        var sameEmail = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("other", "taken@example.org", TestAccounts.Password, null));

        Assert.Equal(HttpStatusCode.BadRequest, sameName.StatusCode);
        // Issue 17: saying "taken" would tell anyone whose address has an account (EnumerationTests compare the answers).
        Assert.Equal(HttpStatusCode.Created, sameEmail.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "other")));
    }

    [Fact]
    public async Task TheHoneypotFieldSilentlyCreatesNoAccount()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new RegisterRequest("spambot", "spambot@example.org", TestAccounts.Password, null, Website: "http://spam.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "spambot")));
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightPassword()
    {
        (await app.RegisterAsync("locked")).EnsureSuccessStatusCode();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("locked", "wrong password " + i));
            Assert.True(wrong.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("locked", TestAccounts.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
    }

    /// <summary>
    /// Someone holding a stolen session cannot guess the password behind it: wrong current passwords (to change it or
    /// to delete the account) count toward the same lockout as signing in.
    /// </summary>
    [Fact]
    public async Task WrongCurrentPasswordsWithASessionLockTheAccountLikeWrongSignIns()
    {
        (await app.RegisterAsync("guessed")).EnsureSuccessStatusCode();
        var thief = app.ClientWith((await app.LoginAsync("guessed")).AccessToken);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await thief.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest($"guess {i}", "a new passphrase of mine"))).StatusCode);
        }
        answers.Add((await thief.PostAsJsonAsync("/api/v1/me/delete", new { password = "guess 3", keepSummaries = true })).StatusCode);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], answers);

        var fifth = await thief.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest("guess 4", "a new passphrase of mine"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.NotNull(fifth.Headers.RetryAfter);
        // Locked: even the right password changes nothing now, and signing in waits too.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await thief.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest(TestAccounts.Password, "a new passphrase of mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await thief.PostAsJsonAsync("/api/v1/me/delete", new { password = TestAccounts.Password, keepSummaries = true })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("guessed", TestAccounts.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/v1/me")).StatusCode); // the account is still there
    }

    /// <summary>Resets asked for in a loop by a stranger do not bury the owner's inbox: a few mails, then the same answer and none.</summary>
    [Fact]
    public async Task ResetMailToOneAccountIsThrottled()
    {
        await app.ManyMembersAsync("mailed", 1);
        var stranger = app.CreateClient();
        for (var i = 0; i < ShortScience.Api.Accounts.AccountMailQueue.MailsPerWindow + 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await stranger.PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("mailed0@example.org"))).StatusCode);
        }
        int Count() => Directory.GetFiles(app.MailFolder, "*.eml").Count(f => File.ReadAllText(f).Contains("To: mailed0@example.org", StringComparison.OrdinalIgnoreCase));
        // Every mail that will go was queued before its answer; wait for the queue to write them, then count.
        for (var attempt = 0; attempt < 250 && Count() < ShortScience.Api.Accounts.AccountMailQueue.MailsPerWindow; attempt++) await Task.Delay(20);
        Assert.Equal(ShortScience.Api.Accounts.AccountMailQueue.MailsPerWindow, Count());
    }

    [Fact]
    public async Task SignInByEmailWorksAndAWrongPasswordIsAProblem401()
    {
        (await app.RegisterAsync("byemail")).EnsureSuccessStatusCode();

        Assert.NotNull(await app.LoginAsync("byemail@example.org"));
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("byemail", "not the password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SigningOutEndsEverySessionOfTheAccountForItsAccessAndRefreshTokens()
    {
        (await app.RegisterAsync("leaver")).EnsureSuccessStatusCode();
        var tokens = await app.LoginAsync("leaver");
        var otherDevice = await app.LoginAsync("leaver");
        var client = app.ClientWith(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        // Every session of the account ends: this one and the other device's.
        foreach (var (access, refreshToken) in new[] { (tokens.AccessToken, tokens.RefreshToken), (otherDevice.AccessToken, otherDevice.RefreshToken) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(access).GetAsync("/api/v1/me")).StatusCode);
            var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(refreshToken));
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }
        // Signing in again starts afresh.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith((await app.LoginAsync("leaver")).AccessToken).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task ARefreshTokenGivesANewWorkingAccessToken()
    {
        (await app.RegisterAsync("refresher")).EnsureSuccessStatusCode();
        var tokens = await app.LoginAsync("refresher");

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken));
        response.EnsureSuccessStatusCode();
        var fresh = await response.Content.ReadFromJsonAsync<TokenResponse>();

        var me = await app.ClientWith(fresh!.AccessToken).GetFromJsonAsync<Me>("/api/v1/me");
        Assert.Equal("refresher", me!.UserName);
    }

    [Fact]
    public async Task ChangingThePasswordEndsEverySession()
    {
        (await app.RegisterAsync("changer")).EnsureSuccessStatusCode();
        var laptop = app.ClientWith((await app.LoginAsync("changer")).AccessToken);
        var phone = app.ClientWith((await app.LoginAsync("changer")).AccessToken);

        var changed = await laptop.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest(TestAccounts.Password, "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.NotNull(await app.LoginAsync("changer", "a brand new passphrase"));
    }

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheEmailedLink()
    {
        (await app.RegisterAsync("forgetful")).EnsureSuccessStatusCode();
        var session = app.ClientWith((await app.LoginAsync("forgetful")).AccessToken);

        var asked = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("forgetful@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var link = TestAccounts.LinkIn(await app.LastMailToAsync("forgetful@example.org"));
        Assert.StartsWith("http://site.test/account/reset-password?", link);
        var query = TestAccounts.QueryOf(link);

        var reset = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password",
            new ResetPasswordRequest(query["email"], query["code"], "remembered at last"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        Assert.NotNull(await app.LoginAsync("forgetful", "remembered at last"));
        var reused = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/reset-password",
            new ResetPasswordRequest(query["email"], query["code"], "another one entirely"));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Fact]
    public async Task AskingForAResetForAnUnknownAddressLooksTheSame()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new EmailRequest("nobody@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ProfileSettingsAreSavedAndShownOnThePublicProfile()
    {
        var client = await app.MemberAsync("curie");

        var update = await client.PutAsJsonAsync("/api/v1/me/profile", new ProfileUpdate("Marie Curie", "Radioactivity.", "Sorbonne", false));
        update.EnsureSuccessStatusCode();

        var profile = await app.CreateClient().GetFromJsonAsync<UserProfile>("/api/v1/users/curie");
        Assert.Equal(("Marie Curie", "Radioactivity.", "Sorbonne"), (profile!.DisplayName, profile.Bio, profile.Affiliation));
        Assert.False((await client.GetFromJsonAsync<Me>("/api/v1/me"))!.EmailNotifications);
    }

    [Fact]
    public async Task TheMeEndpointNeedsASignedInUser()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me")).StatusCode);
    }
}
