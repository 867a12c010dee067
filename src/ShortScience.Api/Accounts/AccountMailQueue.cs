using System.Threading.Channels;

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

    readonly Channel<(Func<AccountMail, CancellationToken, Task> Job, TaskCompletionSource Done)> _jobs =
        Channel.CreateBounded<(Func<AccountMail, CancellationToken, Task>, TaskCompletionSource)>(
            new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// The most account mails one account receives in <see cref="MailWindow"/>: resets and confirmations asked in a
    /// loop by a stranger must not bury someone's inbox. Beyond it the request answers the same (and in the same
    /// time) and no mail goes out; the count is per API process, like the sign-in lockout of unknown names.
    /// </summary>
    public const int MailsPerWindow = 5;

    public static readonly TimeSpan MailWindow = TimeSpan.FromMinutes(15);

    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (DateTimeOffset Start, int Count)> _sent = new();

    bool WithinLimit(Guid recipient)
    {
        var now = clock.GetUtcNow();
        if (_sent.Count > 10_000)
        {
            foreach (var (key, value) in _sent) if (now - value.Start > MailWindow) _sent.TryRemove(key, out _);
        }
        var entry = _sent.AddOrUpdate(recipient, (now, 1), (_, old) => now - old.Start > MailWindow ? (now, 1) : (old.Start, old.Count + 1));
        return entry.Count <= MailsPerWindow;
    }

    /// <param name="recipient">The account the mail goes to.</param>
    /// <returns>A task that completes when the mail is out (or has failed, or was not sent: too many for that account).</returns>
    public Task Enqueue(Guid recipient, Func<AccountMail, CancellationToken, Task> job)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!WithinLimit(recipient))
        {
            logger.LogWarning("Account mail to {UserId} not sent: more than {Limit} in {Minutes} minutes", recipient, MailsPerWindow, MailWindow.TotalMinutes);
            done.SetResult();
        }
        else if (!_jobs.Writer.TryWrite((job, done)))
        {
            logger.LogError("The account mail queue is full; a mail was dropped");
            done.SetResult();
        }
        return done.Task;
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
            await foreach (var (job, done) in _jobs.Reader.ReadAllAsync(stoppingToken)) await RunAsync(job, done, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is sent below.
        }
        while (_jobs.Reader.TryRead(out var item)) await RunAsync(item.Job, item.Done, CancellationToken.None);
    }

    async Task RunAsync(Func<AccountMail, CancellationToken, Task> job, TaskCompletionSource done, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
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
