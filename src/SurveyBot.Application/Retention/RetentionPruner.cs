using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Storage;
using SurveyBot.Supervision;

namespace SurveyBot.Retention;

/// <summary>
/// Applies <see cref="RetentionOptions"/>: at start and every <see cref="RetentionOptions.PruneIntervalMinutes"/> it
/// deletes the transport rows past their period, then has the write-ahead log truncated so their bytes leave the disk.
/// A failed run is logged and tried again after a pause that grows up to the interval; the bot goes on meanwhile.
/// </summary>
public sealed class RetentionPruner(
    IDbContextFactory<SurveyDbContext> databases,
    WalPurger purger,
    TimeProvider clock,
    TokenRedactor redactor,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = TimeSpan.FromMinutes(settings.PruneIntervalMinutes);
        logger.LogInformation("Retention: {Settings}", settings.Describe());
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var counts = await PruneAsync(stoppingToken);
                if (counts.Total > 0)
                    logger.LogInformation("Retention: deleted {Updates} handled updates, {Calls} sent messages and {Deliveries} delivery records", counts.Updates, counts.Calls, counts.Deliveries);
                purger.Request();
                failures = 0;
                wait = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromSeconds(5 << Math.Min(failures, 10)).Ticks));
                logger.LogWarning("Retention: pruning failed ({Error}); trying again in {Wait}", redactor.Describe(error), wait);
            }
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One run: the cutoffs follow from the settings and the clock.</summary>
    public async Task<PruneCounts> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoffs = new PruneCutoffs(
            now.AddDays(-settings.InboxDays), now.AddDays(-settings.OutboxDays), now.AddDays(-settings.DeliveryDays), now.AddDays(-settings.SetAsideDays));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await new TransportPruner(db).PruneAsync(cutoffs, cancellationToken);
    }
}
