using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// Erases what the transport tables hold of one chat, for an erasure request (/delete or the <c>erase</c> verb):
/// the calls made to it (questions with piped answers, "✔ 응답" echoes) are deleted, its handled updates are cut
/// loose from it (the row stays with neither chat nor payload, because its update id keeps a redelivered update from
/// being handled twice), its broadcast deliveries are deleted, its claims on single-use invitations are dropped (the
/// link stays used), and its contact row goes, unless it opted out: then only the chat id and the opt-out stay, so
/// no broadcast reaches a person who asked for none. Updates not handled yet are left for the bot.
/// </summary>
public sealed class ChatEraser(SurveyDbContext db)
{
    /// <summary>
    /// Stages the erasure in the caller's unit of work, so it commits together with the interviews' erasure. Calls
    /// staged in the same unit of work (the reply to the request) are kept: they have not been made yet.
    /// </summary>
    public async Task StageAsync(long chatId, IDictionary<long, ContactRecord> knownContacts, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knownContacts);
        foreach (var call in await db.Outbox.Where(o => o.ChatId == chatId).ToListAsync(cancellationToken)) db.Outbox.Remove(call);
        foreach (var update in await db.Inbox.Where(i => i.ChatId == chatId && i.ProcessedAt != null).ToListAsync(cancellationToken))
        {
            update.ChatId = 0;
            update.PayloadJson = InboxStore.ClearedPayload;
        }
        foreach (var delivery in await db.Deliveries.Where(d => d.ChatId == chatId).ToListAsync(cancellationToken)) db.Deliveries.Remove(delivery);
        foreach (var invitation in await db.Invitations.Where(i => i.ClaimedBy == chatId).ToListAsync(cancellationToken)) invitation.ClaimedBy = null;
        if (!knownContacts.TryGetValue(chatId, out var contact))
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.ChatId == chatId, cancellationToken);
        if (contact is null) return;
        var entry = db.Entry(contact);
        if (contact.State == ContactRecord.Stopped)
        {
            contact.FirstSeenAt = now;
            contact.LastSeenAt = now;
        }
        else
        {
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
        }
    }

    /// <summary>Erases the chat's traffic at once, in one transaction; returns how many rows were deleted or cut loose.</summary>
    public Task<int> EraseAsync(long chatId, DateTime now, CancellationToken cancellationToken = default) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Outbox.Where(o => o.ChatId == chatId).ExecuteDeleteAsync(cancellationToken);
            changed += await db.Inbox.Where(i => i.ChatId == chatId && i.ProcessedAt != null)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.ChatId, 0L).SetProperty(i => i.PayloadJson, InboxStore.ClearedPayload), cancellationToken);
            changed += await db.Deliveries.Where(d => d.ChatId == chatId).ExecuteDeleteAsync(cancellationToken);
            changed += await db.Invitations.Where(i => i.ClaimedBy == chatId)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.ClaimedBy, (long?)null), cancellationToken);
            changed += await db.Contacts.Where(c => c.ChatId == chatId && c.State != ContactRecord.Stopped).ExecuteDeleteAsync(cancellationToken);
            changed += await db.Contacts.Where(c => c.ChatId == chatId && c.State == ContactRecord.Stopped)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FirstSeenAt, now).SetProperty(c => c.LastSeenAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed;
        }, cancellationToken);
}
