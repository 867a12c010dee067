using Microsoft.Extensions.Options;

namespace ShortScience.Api.Figures;

/// <summary>Removes, every <see cref="FigureOptions.JanitorInterval"/>, uploads older than a day that nothing mentions.</summary>
public sealed class FigureJanitor(IServiceScopeFactory scopes, IOptions<FigureOptions> options, ILogger<FigureJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.JanitorInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        // Each run goes on where the last one stopped, so every old upload is looked at in turn, however many are in use.
        FigureLibrary.OrphanCursor? cursor = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                (var removed, cursor) = await scope.ServiceProvider.GetRequiredService<FigureLibrary>().RemoveOrphansAsync(cursor, stoppingToken);
                if (removed > 0) logger.LogInformation("Removed {Count} orphaned figures", removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not clean up orphaned figures");
            }
        }
    }
}
