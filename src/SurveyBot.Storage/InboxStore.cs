using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>The inbox: received updates, stored before their receipt is confirmed to the platform.</summary>
public sealed class InboxStore(SurveyDbContext db)
{
    /// <summary>
    /// Stores a page of received updates in one transaction and returns those not stored before, each
    /// with its row <see cref="InboxRecord.Id"/> (an update delivered twice comes back empty here, so it
    /// is handled once). A redelivery is the same update again: same id and same content. The id alone
    /// does not tell: after a week without updates Telegram may continue ids at a random value, lower
    /// than ids already handled, and such an update is new. A handled update keeps only a digest of its content (<see cref="Digest"/>), which tells a
    /// redelivery as well.
    /// </summary>
    /// <remarks>
    /// One prepared statement serves the whole page: this runs under the writer gate for every poll.
    /// <para>
    /// The caller confirms the page to Telegram right after this returns, and Telegram never sends a
    /// confirmed update again; so with <paramref name="durable"/> the commit is synced to disk
    /// (synchronous=FULL) before it returns. The connection's usual WAL with synchronous=NORMAL survives
    /// a process kill but not a power loss or an OS crash: the last commits may vanish with the page
    /// cache. Being append-only, the WAL's sync also makes every earlier commit durable (answers,
    /// outbox marks), so a power loss rolls the database back at most to the last poll. The connection
    /// goes back to NORMAL afterwards: it is pooled, and answers would otherwise pay a sync each.
    /// </para>
    /// </remarks>
    public Task<List<InboxRecord>> AppendAsync(IReadOnlyList<InboxRecord> rows, CancellationToken cancellationToken, bool durable = true) =>
        SingleWriterGate.WriteAsync(db, async () =>
        {
            // PostgreSQL syncs every commit (synchronous_commit=on, its default): durable is what it always is.
            if (!durable || SqlDialect.IsPostgres(db)) return await InsertAsync(rows, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync(SqlitePragmas.SynchronousFull, cancellationToken);
                return await InsertAsync(rows, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(SqlitePragmas.SynchronousNormal, CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);

    /// <summary>Which of the inbox rows <paramref name="inboxIds"/> are already handled (or set aside).</summary>
    public async Task<HashSet<long>> HandledAmongAsync(IReadOnlyList<long> inboxIds, CancellationToken cancellationToken) =>
        [.. await db.Inbox.AsNoTracking().Where(i => inboxIds.Contains(i.Id) && i.ProcessedAt != null).Select(i => i.Id).ToListAsync(cancellationToken)];

    private async Task<List<InboxRecord>> InsertAsync(IReadOnlyList<InboxRecord> rows, CancellationToken cancellationToken)
    {
        var added = new List<InboxRecord>(rows.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var insert = PreparedCommand.Create(db,
            "INSERT INTO inbox (\"UpdateId\", \"ChatId\", \"PayloadJson\", \"ReceivedAt\") SELECT @id, @chat, @payload, @received "
            + "WHERE NOT EXISTS (SELECT 1 FROM inbox WHERE \"UpdateId\" = @id AND \"PayloadJson\" IN (@payload, @digest)) RETURNING \"Id\"",
            "@id", "@chat", "@payload", "@received", "@digest");
        foreach (var row in rows)
        {
            if (await insert.ScalarAsync(cancellationToken, row.UpdateId, row.ChatId, row.PayloadJson, row.ReceivedAt, Digest(row.PayloadJson)) is long id)
            {
                row.Id = id;
                added.Add(row);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Updates stored but not yet handled (after a restart), in the order they arrived.</summary>
    public Task<List<InboxRecord>> PendingAsync(CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().Where(i => i.ProcessedAt == null).OrderBy(i => i.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The pending updates of <paramref name="chatIds"/>, in the order they arrived: what an instance that has just taken
    /// these chats (<see cref="ChatLocks"/>) handles, whichever instance received them.
    /// </summary>
    public Task<List<InboxRecord>> PendingOfChatsAsync(IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().Where(i => i.ProcessedAt == null && chatIds.Contains(i.ChatId)).OrderBy(i => i.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The id of the update stored last, so polling resumes after it: the newest, not the highest, since
    /// ids may have continued from a lower value.
    /// </summary>
    public async Task<long?> LastUpdateIdAsync(CancellationToken cancellationToken) =>
        await db.Inbox.OrderByDescending(i => i.Id).Select(i => (long?)i.UpdateId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The payload of an erased chat's update: nothing of it is kept.</summary>
    public const string ClearedPayload = "";

    /// <summary>
    /// What a handled update's payload becomes: a digest of it, enough to tell a redelivery of the update (same id, same
    /// content) from a new update that reuses the id, and nothing of what the person sent. 64 bits of SHA-256 suffice:
    /// a digest is only ever compared with updates of the same id.
    /// </summary>
    public static string Digest(string payloadJson) =>
        DigestPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payloadJson)), 0, 8);

    private const string DigestPrefix = "sha256:";

    /// <summary>
    /// Stages the inbox row <paramref name="inboxId"/> as handled; it commits with whatever handling it changed. Its payload
    /// is replaced by <paramref name="digest"/> (<see cref="Digest"/>) in the same statement, except for an update set aside
    /// after an error, which keeps its (already reduced) payload for review.
    /// </summary>
    public void MarkProcessed(long inboxId, DateTime now, string digest, string? error = null)
    {
        var stub = new InboxRecord { Id = inboxId, ProcessedAt = now, Error = error, PayloadJson = digest };
        db.Inbox.Attach(stub);
        var entry = db.Entry(stub);
        entry.Property(i => i.ProcessedAt).IsModified = true;
        if (error is not null) entry.Property(i => i.Error).IsModified = true;
        else entry.Property(i => i.PayloadJson).IsModified = true;
    }

    /// <summary>Cuts an update marked handled in this unit of work loose from its chat (the chat has just been erased): no digest either.</summary>
    public void ForgetChat(long inboxId)
    {
        var entry = db.ChangeTracker.Entries<InboxRecord>().First(e => e.Entity.Id == inboxId);
        entry.Entity.ChatId = 0;
        entry.Entity.PayloadJson = ClearedPayload;
        entry.Property(i => i.ChatId).IsModified = true;
    }

    /// <summary>Updates set aside after an error (handled with an apology instead of their effect), oldest first.</summary>
    public Task<List<InboxRecord>> SetAsideAsync(int limit, CancellationToken cancellationToken) =>
        db.Inbox.AsNoTracking().Where(i => i.ProcessedAt != null && i.Error != null).OrderBy(i => i.Id).Take(limit).ToListAsync(cancellationToken);

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
