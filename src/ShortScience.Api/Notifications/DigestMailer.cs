using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Mail;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Notifications;

/// <summary>
/// Mails each person who wants it one digest of their new notifications every few minutes (never one mail
/// per comment), with a one-click unsubscribe link.
/// </summary>
public sealed class DigestMailer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DigestMailer> logger) : BackgroundService
{
    TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Notifications:DigestIntervalSeconds", 600));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Notifications:DigestEnabled", true)) return;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDigestsAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sending notification digests failed; trying again next round");
            }
        }
    }

    public async Task<int> SendDigestsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShortScienceDb>();
        var mailer = scope.ServiceProvider.GetRequiredService<IMailer>();
        var now = DateTimeOffset.UtcNow;
        var site = (configuration["Site:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

        var pending = await db.Notifications.Where(n => n.EmailedAt == null && n.ReadAt == null).Live(db)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n.Id, n.UserId, n.Kind, n.Text, n.Url, u.Email, u.DisplayName, u.EmailNotifications, u.EmailConfirmed })
            .OrderBy(n => n.Id).Take(5000).ToListAsync(ct);
        var sent = 0;
        foreach (var person in pending.GroupBy(n => n.UserId))
        {
            var first = person.First();
            if (first.EmailNotifications && first.EmailConfirmed && first.Email is not null)
            {
                var token = await UnsubscribeTokenAsync(db, person.Key, ct);
                var unsubscribe = $"{site}/api/v1/unsubscribe/{token}";
                var body = new StringBuilder($"Hello {first.DisplayName},\n\nNew on ShortScience since we last wrote:\n\n");
                foreach (var n in person) body.Append("- ").Append(n.Text).Append('\n').Append("  ").Append(site).Append(n.Url).Append("\n\n");
                body.Append($"You get these emails because notifications are on in your settings ({site}/account/settings).\n");
                body.Append($"Stop them with one click: {site}/unsubscribe/{token}\n");
                await mailer.SendAsync(new MailMessage(first.Email, person.Count() == 1 ? "New on ShortScience: " + What(first.Kind) : $"New on ShortScience: {person.Count()} notifications",
                    body.ToString(), new Dictionary<string, string>
                    {
                        ["List-Unsubscribe"] = $"<{unsubscribe}>",
                        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                    }), ct);
                sent++;
            }
            var ids = person.Select(n => n.Id).ToList();
            // Also for people who opted out, so the queue does not grow; they still see them on the site.
            await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailedAt, now), ct);
        }
        if (sent > 0) logger.LogInformation("Sent {Count} notification digests", sent);
        return sent;
    }

    static string What(NotificationKind kind) => kind switch
    {
        NotificationKind.Reply => "a reply",
        NotificationKind.Moderation => "a note from the moderators",
        NotificationKind.Question => "a question",
        NotificationKind.Answer => "an answer",
        NotificationKind.Accepted => "your answer was accepted",
        _ => "a comment",
    };

    static async Task<string> UnsubscribeTokenAsync(ShortScienceDb db, Guid userId, CancellationToken ct)
    {
        var existing = await db.Users.Where(u => u.Id == userId).Select(u => u.UnsubscribeToken).FirstAsync(ct);
        if (existing is not null) return existing;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.UnsubscribeToken, token), ct);
        return token;
    }
}
