using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Data;
using ShortScience.Data.Entities;
using static ShortScience.Api.Tests.Security.AccessRules;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Security;

/// <summary>
/// Every route the API serves × {signed out, unconfirmed reader, member, owner, banned member, moderator, banned
/// moderator, admin}: each call either passes authorization or answers 401/403, exactly as <see cref="AccessRules"/> says.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public void EveryRouteHasAnAccessRule()
    {
        var missing = RouteTable.Of(app.Services).Where(r => !Routes.ContainsKey(r)).ToList();
        var stale = Routes.Keys.Except(RouteTable.Of(app.Services)).ToList();

        Assert.True(missing.Count == 0, "Routes without a rule in AccessRules.Routes: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rules for routes that no longer exist: " + string.Join(", ", stale));
    }

    /// <summary>SECURITY.md's trust model names, for each row, the access rules and the tests that prove it: they exist.</summary>
    [Fact]
    public void TheTrustModelInSecurityMdNamesEveryAccessRuleAndOnlyTestsThatExist()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ShortScience.sln"))) root = root.Parent;
        var text = File.ReadAllText(Path.Combine(root!.FullName, "SECURITY.md"));
        var start = text.IndexOf("## Trust model", StringComparison.Ordinal);
        Assert.True(start >= 0, "SECURITY.md has no trust model section");
        var section = text[start..text.IndexOf("\n## ", start + 5, StringComparison.Ordinal)];

        var types = typeof(AuthorizationMatrixTests).Assembly.GetTypes();
        var cited = System.Text.RegularExpressions.Regex.Matches(section, @"`([A-Z][A-Za-z]+Tests)(?:\.([A-Za-z]+))?`");
        var missing = cited.Where(m => types.FirstOrDefault(t => t.Name == m.Groups[1].Value) is not { } type
                || (m.Groups[2].Success && type.GetMethod(m.Groups[2].Value) is null))
            .Select(m => m.Value).ToList();

        Assert.True(cited.Count > 15, section);
        Assert.True(missing.Count == 0, "SECURITY.md cites tests that do not exist: " + string.Join(", ", missing));
        var unnamed = Enum.GetNames<Access>().Where(a => !section.Contains($"({a}", StringComparison.Ordinal)).ToList();
        Assert.True(unnamed.Count == 0, "The trust model does not say which rows the access rules prove: " + string.Join(", ", unnamed));
        foreach (var caller in new[] { "signed out", "reader", "member", "owner", "moderator", "admin", "banned" })
        {
            Assert.Contains($"**{caller}**", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryRouteLetsInExactlyWhoItsRuleSays()
    {
        // mx5 is whom moderators ban, mx8 whom admins make a moderator: targets, not callers.
        var clients = await app.ManyMembersAsync("mx", 9);
        // The owner calls last: what the others may not do must not depend on what the owner already did.
        (Caller, HttpClient)[] callers =
        [
            (Caller.Anonymous, app.CreateClient()), (Caller.Reader, clients[7]), (Caller.Banned, clients[4]), (Caller.BannedModerator, clients[6]),
            (Caller.Member, clients[1]), (Caller.Moderator, clients[2]), (Caller.Admin, clients[3]), (Caller.Owner, clients[0]),
        ];
        await app.WithDbAsync(async db =>
        {
            var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            var users = await db.Users.Where(u => u.UserName!.StartsWith("mx")).ToDictionaryAsync(u => u.UserName!);
            db.UserRoles.Add(new() { UserId = users["mx2"].Id, RoleId = roles[Roles.Moderator] });
            db.UserRoles.Add(new() { UserId = users["mx3"].Id, RoleId = roles[Roles.Admin] });
            users["mx4"].BannedAt = DateTimeOffset.UtcNow;
            db.UserRoles.Add(new() { UserId = users["mx6"].Id, RoleId = roles[Roles.Moderator] });
            users["mx6"].BannedAt = DateTimeOffset.UtcNow;
            // A reader: signed up, address not confirmed.
            users["mx7"].EmailConfirmed = false;
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(ur => ur.UserId == users["mx7"].Id && ur.RoleId == roles[Roles.Member]));
            db.UserRoles.Add(new() { UserId = users["mx7"].Id, RoleId = roles[Roles.Reader] });
            await db.SaveChangesAsync();
        });

        var failures = new List<string>();
        // Signing out ends the caller's session, so it goes last.
        var routes = Routes.OrderBy(r => r.Key.EndsWith("/auth/logout", StringComparison.Ordinal)).ToList();
        var n = 0;
        foreach (var (route, access) in routes)
        {
            var context = await MatrixContext.CreateAsync(app, ++n);
            foreach (var (caller, client) in callers)
            {
                var (method, path) = context.Request(route);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent(context.Body(route), Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var refused = status is 401 or 403;
                var ok = access == Access.Public
                    ? status != 403 // a public endpoint may still answer 401 to wrong credentials (sign-in)
                    : Allows(access, caller) ? !refused : status == (caller == Caller.Anonymous ? 401 : 403);
                if (!ok) failures.Add($"{route} as {caller}: {status} (rule {access})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// A ban outranks ownership too: a banned member's own summary, comment, question and answer are out of their
    /// reach on every route only an owner may call (the banned caller above owns nothing, so this is asked apart).
    /// </summary>
    [Fact]
    public async Task ABannedOwnerIsRefusedEveryRouteOnlyItsOwnerMayCall()
    {
        var owner = (await app.ManyMembersAsync("mxbanned", 2))[0];
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "mxbanned0")).BannedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        });
        var routes = Routes.Where(r => r.Value is Access.Owner or Access.OwnerOrModerator).Select(r => r.Key).ToList();
        Assert.True(routes.Count >= 12, string.Join(", ", routes));
        var failures = new List<string>();
        var n = 1000;
        foreach (var route in routes)
        {
            var context = await MatrixContext.CreateAsync(app, ++n, "mxbanned0", "mxbanned1");
            var (method, path) = context.Request(route);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent(context.Body(route), Encoding.UTF8, "application/json");
            using var response = await owner.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{route}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Nothing of theirs changed.
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.User.UserName == "mxbanned0" && c.Status != ContentStatus.Visible)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Answers.CountAsync(a => a.User.UserName == "mxbanned0" && a.Status != ContentStatus.Visible)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Questions.CountAsync(q => q.User.UserName == "mxbanned0" && q.Status != ContentStatus.Visible)));
    }
}

/// <summary>Fresh content for one route's eight calls: a paper, the owner's summary, comment, question and answer, a report, an edit.</summary>
sealed record MatrixContext(
    string PaperKey, long SummaryId, long CommentId, long FlagId, long EditId, string VenueSlug, string AuthorSlug, long QuestionId, long AnswerId)
{
    public static Task<MatrixContext> CreateAsync(ApiFactory app, int n, string ownerName = "mx0", string memberName = "mx1") => app.WithDbAsync(async db =>
    {
        var owner = await db.Users.SingleAsync(u => u.UserName == ownerName);
        var member = await db.Users.SingleAsync(u => u.UserName == memberName);
        var venue = await TestData.VenueAsync(db, $"MXV{n}", $"Matrix venue {n}");
        await TestData.VenueAsync(db, $"MXW{n}", $"Other matrix venue {n}");
        var paper = await TestData.PaperAsync(db, $"mx-paper-{n}", $"Matrix paper {n}", venue, 2020, $"Matrix Author{n}", $"Other Author{n}");
        var summary = await TestData.SummaryAsync(db, paper, owner, "<p>Owner's summary</p>");
        var comment = new Comment
        {
            SummaryId = summary.Id, UserId = owner.Id, Markdown = "Owner's comment", Html = "<p>Owner's comment</p>", CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Comments.Add(comment);
        var question = new Question
        {
            PaperId = paper.Id, UserId = owner.Id, Title = "Owner's question", Markdown = "Why?", Html = "<p>Why?</p>", CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        question.Answers.Add(new Answer
        {
            UserId = owner.Id, Markdown = "Because.", Html = "<p>Because.</p>", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        db.Questions.Add(question);
        var flag = new Flag { ReporterId = member.Id, TargetType = FlagTarget.Summary, TargetId = summary.Id.ToString(), Reason = "matrix", CreatedAt = DateTimeOffset.UtcNow };
        db.Flags.Add(flag);
        var edit = new PaperEdit { PaperId = paper.Id, ProposerId = member.Id, ChangesJson = "{\"title\":\"Better title\"}", CreatedAt = DateTimeOffset.UtcNow };
        db.PaperEdits.Add(edit);
        await db.SaveChangesAsync();
        return new MatrixContext(paper.Key, summary.Id, comment.Id, flag.Id, edit.Id, venue.Slug, $"matrix-author{n}", question.Id, question.Answers[0].Id);
    });

    public (string Method, string Path) Request(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = route[..space] == "ANY" ? "GET" : route[..space];
        var path = route[(space + 1)..];
        long IdFor(string p) => p.Contains("/comments/{id", StringComparison.Ordinal) ? CommentId
            : p.Contains("/questions/{id", StringComparison.Ordinal) ? QuestionId
            : p.Contains("/answers/{id", StringComparison.Ordinal) ? AnswerId
            : p.Contains("/flags/{id", StringComparison.Ordinal) ? FlagId
            : p.Contains("/paper-edits/{id", StringComparison.Ordinal) ? EditId
            : SummaryId;
        path = path
            .Replace("{id:long}", IdFor(path).ToString(), StringComparison.Ordinal)
            .Replace("{key}", PaperKey, StringComparison.Ordinal)
            .Replace("{answerId:long}", AnswerId.ToString(), StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("{year:int}", "2020", StringComparison.Ordinal)
            .Replace("{slug}", path.Contains("/authors/", StringComparison.Ordinal) ? AuthorSlug : VenueSlug, StringComparison.Ordinal)
            .Replace("{name}", path.Contains("/moderation/moderators/", StringComparison.Ordinal) ? "mx8"
                : path.Contains("/moderation/", StringComparison.Ordinal) ? "mx5" : "mx0", StringComparison.Ordinal)
            .Replace("{targetType}", path.Contains("/votes/", StringComparison.Ordinal) ? "summaries" : "summary", StringComparison.Ordinal)
            .Replace("{targetId}", SummaryId.ToString(), StringComparison.Ordinal)
            .Replace("{token}", "not-a-token", StringComparison.Ordinal)
            .Replace("{type}", "venue", StringComparison.Ordinal)
            .Replace("{**key}", VenueSlug, StringComparison.Ordinal)
            .Replace("{year}", "2020", StringComparison.Ordinal)
            .Replace("{tag}", "matrix", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        if (path.Length > 1) path = path.TrimEnd('/');
        if (path.EndsWith("/diff", StringComparison.Ordinal)) path += "?from=1&to=1";
        return (method, path);
    }

    /// <summary>A body good enough to reach the endpoint's own checks (owner, self-vote); "{}" otherwise.</summary>
    public string Body(string route) => route switch
    {
        _ when route.StartsWith("PUT /api/v1/comments/", StringComparison.Ordinal) || route.StartsWith("PUT /api/v1/answers/", StringComparison.Ordinal)
            || route.EndsWith("/answers", StringComparison.Ordinal) => """{"markdown":"Edited"}""",
        _ when route.Contains("/questions", StringComparison.Ordinal) && route.StartsWith("P", StringComparison.Ordinal) => """{"title":"Edited","markdown":"Edited"}""",
        _ when route.StartsWith("PUT /api/v1/votes/", StringComparison.Ordinal) => """{"value":1}""",
        _ when route.EndsWith("/me/delete", StringComparison.Ordinal) => """{"password":"not the password","keepSummaries":true}""",
        _ when route.EndsWith("/me/password", StringComparison.Ordinal) => """{"currentPassword":"not the password","newPassword":"another long passphrase"}""",
        _ when route.Contains("/restore/", StringComparison.Ordinal) => """{"baseRevision":1}""",
        _ when route.EndsWith("/flags", StringComparison.Ordinal) => $$"""{"targetType":"summary","targetId":"{{SummaryId}}","reason":"matrix"}""",
        _ when route.EndsWith("/hide", StringComparison.Ordinal) || route.EndsWith("/ban", StringComparison.Ordinal) => """{"reason":"matrix"}""",
        _ => "{}",
    };
}
