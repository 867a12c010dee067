using System.Threading.Channels;

namespace ShortScience.Api.Accounts;

/// <summary>
/// Account mail (confirmation, reset, "someone tried to sign up with your address") is sent after the answer, not
/// before it: an answer that waited for an SMTP server only when the address belongs to someone would tell anyone
/// with a stopwatch who has an account. Each job runs in its own scope; a failure is logged, never shown.
/// </summary>
public sealed class AccountMailQueue(IServiceScopeFactory scopes, ILogger<AccountMailQueue> logger) : BackgroundService
{
    readonly Channel<Func<AccountMail, CancellationToken, Task>> _jobs =
        Channel.CreateBounded<Func<AccountMail, CancellationToken, Task>>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(Func<AccountMail, CancellationToken, Task> job)
    {
        if (!_jobs.Writer.TryWrite(job)) logger.LogError("The account mail queue is full; a mail was dropped");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken)) await RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is sent below.
        }
        while (_jobs.Reader.TryRead(out var job)) await RunAsync(job, CancellationToken.None);
    }

    async Task RunAsync(Func<AccountMail, CancellationToken, Task> job, CancellationToken ct)
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
    }
}
