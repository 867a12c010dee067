using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ShortScience.Api.Mail;

public sealed record MailMessage(string To, string Subject, string Text, IReadOnlyDictionary<string, string>? Headers = null);

public interface IMailer
{
    Task SendAsync(MailMessage message, CancellationToken ct = default);
}

public sealed class MailOptions
{
    public string From { get; set; } = "ShortScience <no-reply@shortscience.invalid>";

    /// <summary>SMTP server; when empty, mail is written to <see cref="PickupFolder"/> instead.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string PickupFolder { get; set; } = Path.Combine(".data", "mail");
}

/// <summary>Sends through SMTP when configured; otherwise writes .eml files (development) and logs them.</summary>
public sealed class Mailer(Microsoft.Extensions.Options.IOptions<MailOptions> options, ILogger<Mailer> logger) : IMailer
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(o.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Text };
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>()) mime.Headers.Add(name, value);

        if (string.IsNullOrEmpty(o.SmtpHost))
        {
            Directory.CreateDirectory(o.PickupFolder);
            var path = Path.Combine(o.PickupFolder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            // Written aside, then renamed: whoever watches the folder never reads half a message.
            await mime.WriteToAsync(path + ".part", ct);
            File.Move(path + ".part", path);
            logger.LogInformation("Mail to {To} ({Subject}) written to {Path}:\n{Text}", message.To, message.Subject, Path.GetFullPath(path), message.Text);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.SmtpHost, o.SmtpPort, SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(o.SmtpUser)) await smtp.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
        await smtp.SendAsync(mime, ct);
        await smtp.DisconnectAsync(true, ct);
        logger.LogInformation("Mail to {To} ({Subject}) sent through {Host}", message.To, message.Subject, o.SmtpHost);
    }
}
