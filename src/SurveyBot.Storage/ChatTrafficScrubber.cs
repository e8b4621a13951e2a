using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// Erases what a chat said and was sent from the transport tables, for an erasure request: the stored updates
/// (which carry the person's messages, free-text answers and profile name) and the calls made to the chat
/// (which carry piped answers). Rows still pending are left alone, since the bot has yet to handle them; the rows
/// themselves stay (with an empty payload), because update ids keep a redelivered update from being handled twice.
/// </summary>
public sealed class ChatTrafficScrubber(SurveyDbContext db)
{
    public const string ErasedPayload = "{}";

    /// <summary>Empties the payload of every handled inbox row and every finished outbox row of the chat; returns how many rows.</summary>
    public Task<int> ScrubAsync(long chatId, CancellationToken cancellationToken = default) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var inbox = await db.Inbox.Where(i => i.ChatId == chatId && i.ProcessedAt != null && i.PayloadJson != ErasedPayload)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.PayloadJson, ErasedPayload), cancellationToken);
            var outbox = await db.Outbox.Where(o => o.ChatId == chatId && o.Status != OutboxRecord.Pending && o.PayloadJson != ErasedPayload)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.PayloadJson, ErasedPayload), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return inbox + outbox;
        }, cancellationToken);
}
