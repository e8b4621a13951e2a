using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SurveyBot.Storage;
using SurveyBot.Supervision;

namespace SurveyBot.Retention;

/// <summary>
/// Truncates the database's write-ahead log soon after an erasure or a pruning run (and once at start), so the earlier
/// versions of erased pages it still holds are gone from the disk within seconds. Off the hot path: the commit that
/// erased only asks for it. A truncation a reader holds up, or one that fails, is tried again with a growing pause.
/// </summary>
public sealed class WalPurger(IDbContextFactory<SurveyDbContext> databases, TimeProvider clock, TokenRedactor redactor, ILogger<WalPurger> logger) : BackgroundService
{
    private readonly SemaphoreSlim _requested = new(1, 1);

    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    /// <summary>Asks for a truncation; requests made while one is due are served by it.</summary>
    public void Request()
    {
        if (_requested.CurrentCount == 0) _requested.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round runs at start: a kill between an erasure and its truncation leaves the old pages in the log.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _requested.WaitAsync(stoppingToken);
                await PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PurgeAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(stoppingToken);
                if (await SurveyDatabase.TruncateWalAsync(db, stoppingToken)) return;
                logger.LogDebug("The write-ahead log could not be truncated yet (a reader is on it); trying again");
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Truncating the write-ahead log failed (attempt {Attempt}: {Error}); trying again in {Pause}", attempt, redactor.Describe(error), pause);
            }
            await Task.Delay(pause, clock, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }
}
