using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ShortScience.Data;

namespace ShortScience.Api.Accounts;

/// <summary>
/// Account mail (confirmation, reset, "someone tried to sign up with your address") is sent by one background worker,
/// so that no answer has to wait for an SMTP server: an answer that waited only when the address belongs to someone
/// would tell anyone with a stopwatch who has an account (see <see cref="SameTimeAsync"/>). Each job runs in its own
/// scope; a failure is logged, never shown.
/// </summary>
public sealed class AccountMailQueue(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AccountMailQueue> logger) : BackgroundService
{
    /// <summary>
    /// How long an answer that may send mail takes, whether it sends one or not. Long enough for a mail written to the
    /// pickup folder or handed to a nearby SMTP server (so it is out by the time the answer arrives); a slower server
    /// finishes in the background.
    /// </summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(400);

    readonly Channel<(Guid Recipient, Func<AccountMail, CancellationToken, Task> Job, TaskCompletionSource Done)> _jobs =
        Channel.CreateBounded<(Guid, Func<AccountMail, CancellationToken, Task>, TaskCompletionSource)>(
            new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// The most account mails one account receives in <see cref="MailWindow"/>: resets and confirmations asked in a
    /// loop by a stranger must not bury someone's inbox. Beyond it the request answers the same (and in the same
    /// time) and no mail goes out. The count is kept in PostgreSQL (<c>account_mail_counts</c>), so every API replica
    /// and a restart see the same one.
    /// </summary>
    public const int MailsPerWindow = 5;

    public static readonly TimeSpan MailWindow = TimeSpan.FromMinutes(15);

    /// <param name="recipient">The account the mail goes to.</param>
    /// <returns>A task that completes when the mail is out (or has failed, or was not sent: too many for that account).</returns>
    public Task Enqueue(Guid recipient, Func<AccountMail, CancellationToken, Task> job)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_jobs.Writer.TryWrite((recipient, job, done)))
        {
            logger.LogError("The account mail queue is full; a mail was dropped");
            done.SetResult();
        }
        return done.Task;
    }

    /// <summary>Counts one more mail to the account in its window (a new window once the last is over); false past the limit.</summary>
    async Task<bool> WithinLimitAsync(ShortScienceDb db, Guid recipient, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var windowOpen = now - MailWindow;
        var count = (await db.Database.SqlQuery<int>($"""
            INSERT INTO account_mail_counts AS c (user_id, window_start, count) VALUES ({recipient}, {now}, 1)
            ON CONFLICT (user_id) DO UPDATE SET
              window_start = CASE WHEN c.window_start < {windowOpen} THEN {now} ELSE c.window_start END,
              count = CASE WHEN c.window_start < {windowOpen} THEN 1 ELSE c.count + 1 END
            RETURNING c.count AS "Value"
            """).ToListAsync(ct)).Single();
        return count <= MailsPerWindow;
    }

    /// <summary>
    /// Waits for <paramref name="mail"/> (if any) for at most <see cref="AnswerTime"/>, and always for exactly that
    /// long: an address that has an account and one that has none take the same time to answer.
    /// </summary>
    public static async Task SameTimeAsync(Task? mail)
    {
        var answer = Task.Delay(AnswerTime);
        if (mail is not null) await Task.WhenAny(mail, answer);
        await answer;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (recipient, job, done) in _jobs.Reader.ReadAllAsync(stoppingToken)) await RunAsync(recipient, job, done, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is sent below.
        }
        while (_jobs.Reader.TryRead(out var item)) await RunAsync(item.Recipient, item.Job, item.Done, CancellationToken.None);
    }

    async Task RunAsync(Guid recipient, Func<AccountMail, CancellationToken, Task> job, TaskCompletionSource done, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await WithinLimitAsync(scope.ServiceProvider.GetRequiredService<ShortScienceDb>(), recipient, ct))
            {
                logger.LogWarning("Account mail to {UserId} not sent: more than {Limit} in {Minutes} minutes", recipient, MailsPerWindow, MailWindow.TotalMinutes);
                return;
            }
            await job(scope.ServiceProvider.GetRequiredService<AccountMail>(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "An account mail could not be sent");
        }
        finally
        {
            done.TrySetResult();
        }
    }
}
