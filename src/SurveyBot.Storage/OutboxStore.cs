using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>The outbox: platform calls decided in a transaction, made afterwards by the sender.</summary>
public sealed class OutboxStore(SurveyDbContext db)
{
    /// <summary>Stages a call; its id is known once the caller's SaveChanges has committed.</summary>
    public OutboxRecord Stage(long chatId, string payloadJson, DateTime now)
    {
        var row = new OutboxRecord { ChatId = chatId, PayloadJson = payloadJson, CreatedAt = now };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Calls still to make (after a restart), oldest first.</summary>
    public Task<List<OutboxRecord>> PendingAsync(CancellationToken cancellationToken) =>
        db.Outbox.AsNoTracking().Where(o => o.Status == OutboxRecord.Pending).OrderBy(o => o.Id).ToListAsync(cancellationToken);

    /// <summary>Records how a batch of calls ended, in one statement per status.</summary>
    public Task MarkAsync(IReadOnlyList<OutboxResult> results, DateTime now, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var group in results.GroupBy(r => (r.Status, r.Error)))
            {
                var ids = group.Select(r => r.Id).ToList();
                await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, group.Key.Status)
                    .SetProperty(o => o.Error, group.Key.Error)
                    .SetProperty(o => o.SentAt, now), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return results.Count;
        }, cancellationToken);
}
