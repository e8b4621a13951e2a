using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// Deletes transport rows past their retention: handled updates, finished outbox calls and the delivery records of
/// ended broadcasts. It deletes in small batches, each its own transaction under the writer gate, so the answers
/// committed meanwhile wait for one batch at most. Rows are taken in key order, which is arrival order, so each batch
/// finds its rows at the front of the table without an index on the time columns.
/// </summary>
public sealed class TransportPruner(SurveyDbContext db)
{
    public const int BatchSize = 500;

    public async Task<PruneCounts> PruneAsync(PruneCutoffs cutoffs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        // The newest update stays whatever its age: polling resumes after its id.
        var newest = await db.Inbox.MaxAsync(i => (long?)i.UpdateId, cancellationToken) ?? 0;
        var updates = await DrainAsync(() => db.Inbox
            .Where(i => i.UpdateId < newest && i.ProcessedAt != null
                && ((i.Error == null && i.ProcessedAt < cutoffs.HandledUpdates) || (i.Error != null && i.ProcessedAt < cutoffs.SetAsideUpdates)))
            .OrderBy(i => i.UpdateId).Take(BatchSize), cancellationToken);
        var calls = await DrainAsync(() => db.Outbox
            .Where(o => o.Status != OutboxRecord.Pending && o.CreatedAt < cutoffs.FinishedCalls)
            .OrderBy(o => o.Id).Take(BatchSize), cancellationToken);
        var ended = await db.Broadcasts.AsNoTracking()
            .Where(b => (b.FinishedAt != null && b.FinishedAt < cutoffs.Deliveries) || (b.Status == BroadcastRecord.Draft && b.CreatedAt < cutoffs.Deliveries))
            .Select(b => b.Id).ToListAsync(cancellationToken);
        var deliveries = 0;
        foreach (var broadcast in ended)
            deliveries += await DrainAsync(() => db.Deliveries.Where(d => d.BroadcastId == broadcast).OrderBy(d => d.ChatId).Take(BatchSize), cancellationToken);
        return new PruneCounts(updates, calls, deliveries);
    }

    private async Task<int> DrainAsync<T>(Func<IQueryable<T>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await SingleWriterGate.WriteAsync(db, () => batch().ExecuteDeleteAsync(cancellationToken), cancellationToken);
            total += deleted;
            if (deleted < BatchSize) return total;
        }
    }
}
