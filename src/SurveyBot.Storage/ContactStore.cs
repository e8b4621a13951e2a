using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>Contacts: the private chats that have talked to the bot and whether they can be written to.</summary>
public sealed class ContactStore(SurveyDbContext db)
{
    /// <summary>The stored contacts among <paramref name="chatIds"/>, tracked so changes stage with the caller's SaveChanges.</summary>
    public async Task<Dictionary<long, ContactRecord>> LoadAsync(IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken) =>
        await db.Contacts.Where(c => chatIds.Contains(c.ChatId)).ToDictionaryAsync(c => c.ChatId, cancellationToken);

    /// <summary>How fresh <see cref="ContactRecord.LastSeenAt"/> is kept: to the minute, so a chat answering question after question does not rewrite its contact row with every answer.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Notes that a chat wrote to the bot (the last-seen time to the minute). A blocked contact that writes again has unblocked the bot;
    /// one that opted out stays so until it starts again (<paramref name="reactivate"/>).
    /// </summary>
    public ContactRecord Seen(Dictionary<long, ContactRecord> contacts, long chatId, DateTime now, bool reactivate)
    {
        if (!contacts.TryGetValue(chatId, out var contact))
        {
            contact = new ContactRecord { ChatId = chatId, FirstSeenAt = now, LastSeenAt = now };
            db.Contacts.Add(contact);
            contacts[chatId] = contact;
            return contact;
        }
        if (now - contact.LastSeenAt >= LastSeenResolution) contact.LastSeenAt = now;
        if (contact.State == ContactRecord.Blocked || (reactivate && contact.State == ContactRecord.Stopped)) contact.State = ContactRecord.Active;
        return contact;
    }

    /// <summary>Marks chats the platform refused to deliver to; they are not written to again until they write first.</summary>
    public Task MarkBlockedAsync(IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, () => db.Contacts.Where(c => chatIds.Contains(c.ChatId))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, ContactRecord.Blocked), cancellationToken), cancellationToken);
}
