using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>The inbox: received updates, stored before their receipt is confirmed to the platform.</summary>
public sealed class InboxStore(SurveyDbContext db)
{
    /// <summary>
    /// Stores a page of received updates in one transaction and returns those not stored before (an
    /// update delivered twice comes back empty here, so it is handled once).
    /// </summary>
    /// <remarks>One prepared statement serves the whole page: this runs under the writer gate for every poll.</remarks>
    public Task<List<InboxRecord>> AppendAsync(IReadOnlyList<InboxRecord> rows, CancellationToken cancellationToken) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            var added = new List<InboxRecord>(rows.Count);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var insert = PreparedCommand.Create(db,
                "INSERT INTO inbox (UpdateId, ChatId, PayloadJson, ReceivedAt) VALUES ($id, $chat, $payload, $received) ON CONFLICT(UpdateId) DO NOTHING",
                "$id", "$chat", "$payload", "$received");
            foreach (var row in rows)
            {
                if (await insert.ExecuteAsync(cancellationToken, row.UpdateId, row.ChatId, row.PayloadJson, row.ReceivedAt) == 1) added.Add(row);
            }
            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);

    /// <summary>Updates stored but not yet handled (after a restart), oldest first.</summary>
    public Task<List<InboxRecord>> PendingAsync(CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().Where(i => i.ProcessedAt == null).OrderBy(i => i.UpdateId).ToListAsync(cancellationToken);

    /// <summary>The highest update id ever stored, so polling resumes after it.</summary>
    public async Task<long?> LastUpdateIdAsync(CancellationToken cancellationToken) =>
        await db.Inbox.MaxAsync(i => (long?)i.UpdateId, cancellationToken);

    /// <summary>Which of <paramref name="updateIds"/> are already handled (or set aside).</summary>
    public async Task<HashSet<long>> HandledAmongAsync(IReadOnlyList<long> updateIds, CancellationToken cancellationToken) =>
        [.. await db.Inbox.AsNoTracking().Where(i => updateIds.Contains(i.UpdateId) && i.ProcessedAt != null).Select(i => i.UpdateId).ToListAsync(cancellationToken)];

    /// <summary>Stages the update as handled; it commits with whatever handling it changed.</summary>
    public void MarkProcessed(long updateId, DateTime now, string? error = null)
    {
        var stub = new InboxRecord { UpdateId = updateId, ProcessedAt = now, Error = error };
        db.Inbox.Attach(stub);
        db.Entry(stub).Property(i => i.ProcessedAt).IsModified = true;
        if (error is not null) db.Entry(stub).Property(i => i.Error).IsModified = true;
    }

    /// <summary>Updates set aside after an error (handled with an apology instead of their effect), oldest first.</summary>
    public Task<List<InboxRecord>> SetAsideAsync(int limit, CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().Where(i => i.ProcessedAt != null && i.Error != null).OrderBy(i => i.UpdateId).Take(limit).ToListAsync(cancellationToken);

    public Task<int> CountSetAsideAsync(CancellationToken cancellationToken) =>
        db.Inbox.CountAsync(i => i.ProcessedAt != null && i.Error != null, cancellationToken);

    /// <summary>
    /// Makes set-aside updates pending again (all of them, or those in <paramref name="updateIds"/>), so the bot handles
    /// them as if just received; returns how many. The running bot's inbox sweep picks them up.
    /// </summary>
    public Task<int> ReplayAsync(IReadOnlyCollection<long>? updateIds, CancellationToken cancellationToken)
    {
        var setAside = db.Inbox.Where(i => i.ProcessedAt != null && i.Error != null);
        if (updateIds is not null) setAside = setAside.Where(i => updateIds.Contains(i.UpdateId));
        return setAside.ExecuteUpdateAsync(u => u.SetProperty(i => i.ProcessedAt, (DateTime?)null).SetProperty(i => i.Error, (string?)null), cancellationToken);
    }
}
