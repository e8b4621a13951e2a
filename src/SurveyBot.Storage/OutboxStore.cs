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

    /// <summary>Records how a batch of calls ended, in one transaction with one prepared statement.</summary>
    public Task MarkAsync(IReadOnlyList<OutboxResult> results, DateTime now, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var mark = PreparedCommand.Create(db, "UPDATE outbox SET \"Status\" = @status, \"Error\" = @error, \"SentAt\" = @at WHERE \"Id\" = @id", "@status", "@error", "@at", "@id");
            foreach (var result in results) await mark.ExecuteAsync(cancellationToken, result.Status, result.Error, now, result.Id);
            await transaction.CommitAsync(cancellationToken);
            return results.Count;
        }, cancellationToken);
}
